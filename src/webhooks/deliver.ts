/**
 * One HTTP attempt: a signed JSON POST, with a deadline, to a public address only (targets.ts).
 * Knows nothing of Payload, so the job (deliverWebhookTask.ts) decides what a failure means.
 *
 * The receiver's answer is judged by its status alone; its body is never read, and so never
 * stored. The delivery log is readable by admins, and a body kept there is how a request sent
 * somewhere it should not go becomes a way of reading what answered (an internal error page, a
 * metadata document). A status code says whether the receiver took the event; the receiver's
 * own logs say why not, found by the X-Careline-Delivery id.
 */
import http from 'node:http'
import https from 'node:https'

import type { PublicationEvent } from '../publication'
import { ATTEMPT_HEADER, DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signPayload, TIMESTAMP_HEADER } from './signing'
import { guardedLookup, literalTargetRefusal, lookupAll, type Resolver, TargetRefusedError, type TargetPolicy } from './targets'

/** A receiver that has not answered in this long has failed this attempt. */
export const DELIVERY_TIMEOUT_MS = 10_000
/** How much of a redirect's new address is kept in the log. */
const LOCATION_CHARS = 200

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

/** `HTTP 503 Service Unavailable`: the status and its standard name, never the receiver's words. */
const statusLine = (status: number) => `HTTP ${status}${http.STATUS_CODES[status] ? ` ${http.STATUS_CODES[status]}` : ''}`

/**
 * Where a redirect pointed, for the admin to correct the URL: scheme, host and path only (no
 * query, no credentials), printable characters, at most LOCATION_CHARS.
 */
function describeLocation(location: string, base: URL): string {
  let where: string
  try {
    const url = new URL(location, base)
    where = `${url.protocol}//${url.host}${url.pathname}`
  } catch {
    where = location
  }
  where = where.replace(/[^\x20-\x7e]/g, '')
  return where.length > LOCATION_CHARS ? `${where.slice(0, LOCATION_CHARS)}…` : where
}

interface PostOptions {
  headers: Record<string, string>
  policy: TargetPolicy
  resolve: Resolver
  signal: AbortSignal
}

/**
 * POSTs `raw` and resolves with the answer's status and headers. A fresh connection (no agent, no
 * pooled socket), made through `guardedLookup`: the socket goes to the addresses that were checked.
 * Node never follows a redirect here.
 */
function post(target: URL, raw: string, { headers, policy, resolve, signal }: PostOptions): Promise<http.IncomingMessage> {
  return new Promise((done, fail) => {
    const client = target.protocol === 'https:' ? https : http
    const request = client.request(
      target,
      { method: 'POST', headers: { ...headers, 'Content-Length': String(Buffer.byteLength(raw)) }, agent: false, lookup: guardedLookup(target, policy, resolve), signal },
      done,
    )
    request.on('error', fail)
    request.end(raw)
  })
}

export interface SendOptions {
  url: string
  secret: string
  body: WebhookBody
  attempt: number
  /** Host names allowed although internal (WEBHOOK_ALLOWED_HOSTS). */
  allowedHosts: readonly string[]
  timeoutMs?: number
  /** DNS, replaceable in tests. */
  resolve?: Resolver
}

export async function sendWebhook({ url, secret, body, attempt, allowedHosts, timeoutMs = DELIVERY_TIMEOUT_MS, resolve = lookupAll }: SendOptions): Promise<AttemptResult> {
  const raw = JSON.stringify(body)
  const timestamp = Math.floor(Date.now() / 1000)
  const started = performance.now()
  const elapsed = () => Math.round(performance.now() - started)
  let target: URL
  try {
    target = new URL(url)
  } catch {
    return { ok: false, statusCode: null, responseTimeMs: 0, error: `Not sent: "${url}" is not a web address` }
  }
  const policy = { allowedHosts }
  // An IP literal never goes through a lookup: it is checked here.
  const refusal = literalTargetRefusal(target, policy)
  if (refusal) return { ok: false, statusCode: null, responseTimeMs: 0, error: `Not sent: ${refusal}` }

  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), timeoutMs)
  try {
    const headers = {
      'Content-Type': 'application/json',
      'User-Agent': 'Careline-Webhooks/1',
      [EVENT_HEADER]: body.event,
      [DELIVERY_HEADER]: body.id,
      [ATTEMPT_HEADER]: String(attempt),
      [TIMESTAMP_HEADER]: String(timestamp),
      [SIGNATURE_HEADER]: signPayload(secret, timestamp, raw),
    }
    const response = await post(target, raw, { headers, policy, resolve, signal: controller.signal })
    const responseTimeMs = elapsed()
    // The body is not wanted (see the top of this file): drop it and the connection.
    response.destroy()
    const status = response.statusCode ?? 0
    if (status >= 200 && status < 300) return { ok: true, statusCode: status, responseTimeMs, error: null }
    // A redirect is not followed: it would turn the POST into a GET, or lead somewhere other than
    // the checked address the admin entered. It counts as a failure that names the new address.
    const location = response.headers.location
    const error = location ? `${statusLine(status)}: redirected to ${describeLocation(location, target)}; update the webhook's URL` : statusLine(status)
    return { ok: false, statusCode: status, responseTimeMs, error }
  } catch (error) {
    const responseTimeMs = elapsed()
    if (error instanceof TargetRefusedError) return { ok: false, statusCode: null, responseTimeMs, error: `Not sent: ${error.message}` }
    const message = controller.signal.aborted ? `no answer within ${timeoutMs} ms` : (error as Error).message
    return { ok: false, statusCode: null, responseTimeMs, error: message }
  } finally {
    clearTimeout(timer)
  }
}
