/**
 * Sign-in and password reset answer the same whether or not an account exists.
 * - Sign-in: the same 401 and message for an unknown e-mail, a wrong password and a locked
 *   account, after about the same time. Payload answers an unknown e-mail or a locked account
 *   straight away, but a wrong password only after hashing it (PBKDF2, about 300 ms), and a
 *   locked account with a message of its own: both told an attacker which e-mails have accounts.
 * - Forgot-password: Payload already answers alike, but sends the reset e-mail before answering,
 *   so an e-mail that has an account took the mail server's time longer. The e-mail is sent after
 *   the answer instead.
 */
import { pbkdf2, randomBytes } from 'node:crypto'

import { AuthenticationError, type CollectionAfterOperationHook, type CollectionBeforeOperationHook, type Payload } from 'payload'

/** Account lockout (Payload's): this many wrong passwords in a row lock the account this long. */
export const LOCKOUT = { maxLoginAttempts: 5, lockTime: 10 * 60 * 1000 }

/**
 * One message for an unknown e-mail, a wrong password and a locked account (set as Payload's
 * `emailOrPasswordIncorrect` and `userLocked` texts in payload.config.ts). It names the lock so
 * that someone locked out knows what to do, without saying whether that happened.
 */
export const SIGN_IN_REFUSED = `The email or password is incorrect, or the account is locked for ${LOCKOUT.lockTime / 60_000} minutes after ${LOCKOUT.maxLoginAttempts} failed sign-ins in a row. Check both and try again later, reset your password, or ask an admin to unlock the account.`

// Payload 3.90's password hash (payload/dist/auth/strategies/local/generatePasswordSaltHash.js):
// PBKDF2-SHA256, 600 000 iterations, a 32-byte key. tests/accounts.test.ts compares the times.
const HASH_ITERATIONS = 600_000
const HASH_KEY_BYTES = 32
const DECOY_SALT = randomBytes(32).toString('hex')

/** Spends what checking a password against an account costs, for a request that has none. */
const hashForNothing = (password: string) =>
  new Promise<void>((resolve) => pbkdf2(password, DECOY_SALT, HASH_ITERATIONS, HASH_KEY_BYTES, 'sha256', () => resolve()))

const isLocked = (lockUntil: unknown) => (typeof lockUntil === 'string' || lockUntil instanceof Date) && new Date(lockUntil).getTime() > Date.now()

/**
 * Before Payload looks the account up: for an unknown e-mail or a locked account, hash the
 * password for nothing and refuse as a wrong password is refused. Payload's own path (account
 * found, not locked) is left as it is, lockout counting included. A body without an e-mail or
 * password gets Payload's own 400, which says nothing about accounts.
 */
export const answerSignInsAlike: CollectionBeforeOperationHook = async ({ args, collection, operation, req }) => {
  if (operation !== 'login') return args
  const { email, password } = (args.data ?? {}) as { email?: unknown; password?: unknown }
  if (typeof email !== 'string' || !email.trim() || typeof password !== 'string' || !password.trim()) return args
  const account = await req.payload.db.findOne<{ id: number | string; lockUntil?: string | Date | null }>({
    collection: collection.slug,
    where: { email: { equals: email.toLowerCase().trim() } },
    req,
  })
  if (account && !isLocked(account.lockUntil)) return args
  await hashForNothing(password)
  throw new AuthenticationError(req.t)
}

/** Set by `sendResetEmailLater` when it takes over sending the reset e-mail of this request. */
const RESET_EMAIL_LATER = 'sendResetEmailLater'

/** Payload is told not to send the reset e-mail itself (unless the caller already said so). */
export const sendResetEmailLater: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation !== 'forgotPassword' || args.disableEmail) return args
  req.context[RESET_EMAIL_LATER] = true
  return { ...args, disableEmail: true }
}

/**
 * The reset e-mail, sent without holding up the answer. Payload hands its operation's result
 * (the reset token) to this hook only when the e-mail belongs to an account.
 */
export const sendResetEmail: CollectionAfterOperationHook = ({ args, operation, req, result }) => {
  if (operation !== 'forgotPassword' || req.context[RESET_EMAIL_LATER] !== true || typeof result !== 'string' || !result) return result
  const email = String((args.data as { email?: unknown }).email ?? '').toLowerCase().trim()
  void mailResetLink(req.payload, email, result).catch((error: unknown) =>
    req.payload.logger.error({ err: error, msg: `The password reset e-mail to ${email} could not be sent` }),
  )
  return result
}

async function mailResetLink(payload: Payload, to: string, token: string) {
  const { config } = payload
  const link = `${config.serverURL}${config.routes.admin}${config.admin.routes.reset}/${token}`
  const lines = [
    'Someone (you, we hope) asked to reset the password of your Careline account.',
    `Open this link within an hour to choose a new password: ${link}`,
    'If it was not you, ignore this e-mail: your password stays as it is.',
  ]
  const html = lines.map((line) => `<p>${line.replace(link, `<a href="${link}">${link}</a>`)}</p>`).join('\n')
  await payload.sendEmail({ to, subject: 'Reset your Careline password', text: lines.join('\n\n'), html })
}
