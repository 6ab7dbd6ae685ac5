/**
 * What a password must be, wherever one is set: creating an account (the admin, REST, GraphQL,
 * the admin's "create first user" screen), changing one, and resetting one with a token.
 * - at least 12 characters (at most 256);
 * - not the account's e-mail address, nor its name part, inside it;
 * - not a password exposed in breaches: the list of @zxcvbn-ts/language-common (about 49 000
 *   passwords ordered by how often they appear in leaked password dumps), also when the password
 *   is such a word with digits or symbols around it ("Summer2024!"), in simple letter-for-symbol
 *   spelling ("P@ssw0rd"), or repeated ("passwordpassword").
 * Refusals are 400s that say what to change; the admin shows them at the password field.
 */
import { dictionary } from '@zxcvbn-ts/language-common'
import { type CollectionBeforeOperationHook, type CollectionBeforeValidateHook, type PayloadRequest, ValidationError } from 'payload'

export const MIN_PASSWORD_LENGTH = 12
export const MAX_PASSWORD_LENGTH = 256

let breached: Set<string> | undefined
/** Built on first use (the package ships the list compressed). */
const breachedPasswords = () => (breached ??= new Set(dictionary['passwords-common'].map((word) => word.toLowerCase())))

/** Common symbol-for-letter spellings, undone before the list is consulted. */
const LEET: Record<string, string> = { '@': 'a', '4': 'a', '8': 'b', '3': 'e', '6': 'g', '1': 'i', '!': 'i', '0': 'o', $: 's', '5': 's', '7': 't', '2': 'z' }
const unleet = (text: string) => text.replace(/[@483610!$572]/g, (c) => LEET[c])
/** The letters in the middle: "summer" of "Summer2024!". */
const core = (text: string) => text.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '')

/** The shortest piece the text is a repetition of ("abc" of "abcabcabcabc"), or the text itself. */
function repeatedUnit(text: string): string {
  for (let size = 1; size <= text.length / 2; size++) {
    if (text.length % size === 0 && text.slice(0, size).repeat(text.length / size) === text) return text.slice(0, size)
  }
  return text
}

function isBreached(password: string): boolean {
  const list = breachedPasswords()
  const lower = password.toLowerCase()
  const forms = new Set([lower, core(lower), unleet(lower), core(unleet(lower)), unleet(core(lower)), repeatedUnit(lower)])
  for (const form of forms) {
    // Words of three letters or fewer with digits around them ("abc" + "123456789") are judged whole.
    if (form.length >= 4 && list.has(form)) return true
  }
  const unit = repeatedUnit(lower)
  return unit !== lower && unit.length <= 4
}

/** The parts of an address a password must not contain: the address, its name part, and that without a +tag. */
function emailParts(email: string): string[] {
  const address = email.trim().toLowerCase()
  const local = address.split('@')[0] ?? ''
  const untagged = local.split('+')[0] ?? ''
  return [...new Set([address, local, untagged])].filter((part) => part.length >= 3)
}

/** Why a password is refused, in words its owner can act on; undefined when it is acceptable. */
export function passwordProblem(password: string, email?: string | null): string | undefined {
  const length = [...password].length
  if (length < MIN_PASSWORD_LENGTH) {
    return `The password is too short: use at least ${MIN_PASSWORD_LENGTH} characters (this one has ${length}). A few unrelated words make a long password that is easy to remember.`
  }
  if (length > MAX_PASSWORD_LENGTH) return `The password is too long: use at most ${MAX_PASSWORD_LENGTH} characters.`
  const lower = password.toLowerCase()
  const part = email ? emailParts(email).find((p) => lower.includes(p)) : undefined
  if (part) return `The password contains the e-mail address or its name ("${part}"). Choose one that has nothing to do with the address.`
  if (isBreached(password)) {
    return 'This password is on a list of passwords exposed in data breaches (or is one with a few characters added or swapped), so it is among the first an attacker tries. Choose another: a few unrelated words make a strong one.'
  }
  return undefined
}

/** A 400 naming the password field (the admin shows it there), whose message says what to change. */
function refusePassword(message: string, req: PayloadRequest): never {
  const error = new ValidationError({ collection: 'users', errors: [{ path: 'password', message }], req }, req.t)
  // Payload's own message only names the field; this one says what to do.
  error.message = message
  throw error
}

/** Create (the admin, REST, GraphQL, first user) and update (a password change). */
export const enforcePasswordPolicy: CollectionBeforeValidateHook = ({ data, originalDoc, req }) => {
  const password = (data as { password?: unknown } | undefined)?.password
  if (typeof password !== 'string' || password === '') return data
  const email = (data as { email?: unknown }).email ?? originalDoc?.email
  const problem = passwordProblem(password, typeof email === 'string' ? email : undefined)
  if (problem) refusePassword(problem, req)
  return data
}

/** A reset with a token: Payload writes the new hash without the create/update hooks. */
export const enforcePasswordPolicyOnReset: CollectionBeforeOperationHook = async ({ args, collection, operation, req }) => {
  if (operation !== 'resetPassword') return args
  const { password, token } = (args.data ?? {}) as { password?: unknown; token?: unknown }
  if (typeof password !== 'string' || password === '') return args
  // The account the token belongs to, for the e-mail rule; an unknown token is Payload's to refuse.
  const owner =
    typeof token === 'string' && token
      ? await req.payload.db.findOne<{ id: number | string; email?: string }>({ collection: collection.slug, where: { resetPasswordToken: { equals: token } }, req })
      : null
  const problem = passwordProblem(password, owner?.email)
  if (problem) refusePassword(problem, req)
  return args
}
