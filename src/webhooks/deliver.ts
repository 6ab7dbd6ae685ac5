/**
 * One HTTP attempt: a signed JSON POST, with a deadline. Knows nothing of Payload, so the job
 * (deliverWebhookTask.ts) decides what a failure means.
 */
import type { PublicationEvent } from '../publication'
import { ATTEMPT_HEADER, DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signPayload, TIMESTAMP_HEADER } from './signing'

/** A receiver that has not answered in this long has failed this attempt. */
export const DELIVERY_TIMEOUT_MS = 10_000
/** How much of a failed answer's body is kept in the log. */
const ERROR_BODY_CHARS = 500

export interface WebhookBody {
  /** The delivery id: the same on every attempt, for receivers to ignore repeats. */
  id: string
  event: PublicationEvent
  collection: string
  document: { id: number | string; slug: string | null }
  /** ISO time of the change. */
  occurredAt: string
}

export interface AttemptResult {
  ok: boolean
  statusCode: number | null
  responseTimeMs: number
  error: string | null
}

/** Reads at most `limit` characters of an answer, so a huge body cannot hold the job. */
async function readStart(response: Response, limit: number): Promise<string> {
  if (!response.body) return ''
  const reader = response.body.getReader()
  const decoder = new TextDecoder()
  let text = ''
  try {
    while (text.length < limit) {
      const { done, value } = await reader.read()
      if (done) break
      text += decoder.decode(value, { stream: true })
    }
  } finally {
    await reader.cancel().catch(() => {})
  }
  return text.slice(0, limit)
}

export async function sendWebhook({ url, secret, body, attempt, timeoutMs = DELIVERY_TIMEOUT_MS }: { url: string; secret: string; body: WebhookBody; attempt: number; timeoutMs?: number }): Promise<AttemptResult> {
  const raw = JSON.stringify(body)
  const timestamp = Math.floor(Date.now() / 1000)
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), timeoutMs)
  const started = performance.now()
  const elapsed = () => Math.round(performance.now() - started)
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'Careline-Webhooks/1',
        [EVENT_HEADER]: body.event,
        [DELIVERY_HEADER]: body.id,
        [ATTEMPT_HEADER]: String(attempt),
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signPayload(secret, timestamp, raw),
      },
      body: raw,
      // A redirect is not followed: it would turn the POST into a GET, or lead somewhere else
      // than the address the admin entered. It counts as a failure that names the new address.
      redirect: 'manual',
      signal: controller.signal,
    })
    const responseTimeMs = elapsed()
    if (response.status >= 200 && response.status < 300) {
      await response.body?.cancel().catch(() => {})
      return { ok: true, statusCode: response.status, responseTimeMs, error: null }
    }
    const location = response.headers.get('location')
    const answer = location ? `redirected to ${location}; update the webhook's URL` : (await readStart(response, ERROR_BODY_CHARS).catch(() => '')).trim()
    return { ok: false, statusCode: response.status, responseTimeMs, error: `HTTP ${response.status}${answer ? `: ${answer}` : ''}` }
  } catch (error) {
    const responseTimeMs = elapsed()
    // fetch() says only "fetch failed"; the cause says why (refused, no such host, TLS...).
    const cause = (error as { cause?: { message?: string } }).cause
    const message = controller.signal.aborted ? `no answer within ${timeoutMs} ms` : (cause?.message ?? (error as Error).message)
    return { ok: false, statusCode: null, responseTimeMs, error: message }
  } finally {
    clearTimeout(timer)
  }
}
