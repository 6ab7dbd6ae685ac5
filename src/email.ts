/**
 * Outgoing e-mail, chosen in one place. With SMTP_URL set, mail goes out through nodemailer.
 * Without it (development, tests) every message is logged, and appended to EMAIL_OUTBOX_FILE
 * (JSON lines) when that is set, so a test can read what any process sent.
 */
import fs from 'node:fs'

import type { EmailAdapter, SendEmailOptions } from 'payload'

import { type Settings, settings } from './settings'

export interface OutboxMessage {
  to: string[]
  subject: string
  text: string
  at: string
}

const recipients = (to: SendEmailOptions['to']): string[] =>
  [to]
    .flat(2)
    .filter(Boolean)
    .map((r) => (typeof r === 'string' ? r : (r as { address: string }).address))

const outboxAdapter =
  (file: string | undefined): EmailAdapter =>
  ({ payload }) => ({
    name: 'careline-outbox',
    defaultFromAddress: 'careline@localhost',
    defaultFromName: 'Careline',
    sendEmail: async (message) => {
      const entry: OutboxMessage = {
        to: recipients(message.to),
        subject: String(message.subject ?? ''),
        text: String(message.text ?? ''),
        at: new Date().toISOString(),
      }
      if (file) fs.appendFileSync(file, `${JSON.stringify(entry)}\n`)
      payload.logger.info({ msg: 'E-mail (not sent: no SMTP_URL)', to: entry.to, subject: entry.subject })
      return entry
    },
  })

const smtpAdapter =
  (url: string, from: string): EmailAdapter =>
  () => {
    // Loaded only when SMTP is configured.
    let transport: import('nodemailer').Transporter | undefined
    return {
      name: 'careline-smtp',
      defaultFromAddress: from,
      defaultFromName: 'Careline',
      sendEmail: async (message) => {
        transport ??= (await import('nodemailer')).createTransport(url)
        return transport.sendMail({ from, ...message } as import('nodemailer').SendMailOptions)
      },
    }
  }

export function emailAdapter(from: Pick<Settings, 'smtpURL' | 'emailFrom' | 'emailOutboxFile'> = settings): EmailAdapter {
  if (from.smtpURL) return smtpAdapter(from.smtpURL, from.emailFrom)
  return outboxAdapter(from.emailOutboxFile)
}
