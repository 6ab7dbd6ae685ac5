/**
 * How a delivery is signed, and how a receiver checks it.
 *
 * Every request carries `X-Careline-Timestamp` (Unix seconds when it was sent) and
 * `X-Careline-Signature: sha256=<hex>`, the HMAC-SHA256 of `<timestamp>.<raw body>` keyed with the
 * webhook's secret. A receiver should:
 *   1. read the raw body bytes as received (not a re-serialised JSON object);
 *   2. compute HMAC-SHA256(secret, `${timestamp}.${rawBody}`) as hex and compare it with the
 *      header in constant time (`crypto.timingSafeEqual`), so the comparison leaks nothing;
 *   3. reject a timestamp more than a few minutes away from its own clock, so a captured request
 *      cannot be replayed later (the timestamp is inside the signature and cannot be altered);
 *   4. ignore a repeated `X-Careline-Delivery` id: delivery is at least once, and a retry of a
 *      delivery keeps its id (with a fresh timestamp and signature).
 * `verifySignature` below does steps 2 and 3 for receivers written in TypeScript.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

export const SIGNATURE_HEADER = 'X-Careline-Signature'
export const TIMESTAMP_HEADER = 'X-Careline-Timestamp'
export const EVENT_HEADER = 'X-Careline-Event'
export const DELIVERY_HEADER = 'X-Careline-Delivery'
export const ATTEMPT_HEADER = 'X-Careline-Attempt'

/** How far a receiver should let the timestamp stray from its clock (`verifySignature`'s default). */
export const DEFAULT_TOLERANCE_SECONDS = 300

/** A new random secret: 32 bytes, hex. */
export const generateSecret = () => randomBytes(32).toString('hex')

/** `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`. */
export function signPayload(secret: string, timestamp: number | string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`
}

export interface VerifyOptions {
  secret: string
  /** The raw request body, exactly as received. */
  body: string
  timestamp: string | null | undefined
  signature: string | null | undefined
  toleranceSeconds?: number
  /** Unix seconds; defaults to now. */
  now?: number
}

/** True when the signature matches the body and timestamp, and the timestamp is recent. */
export function verifySignature({ secret, body, timestamp, signature, toleranceSeconds = DEFAULT_TOLERANCE_SECONDS, now = Math.floor(Date.now() / 1000) }: VerifyOptions): boolean {
  if (!timestamp || !signature || !/^\d+$/.test(timestamp)) return false
  if (Math.abs(now - Number(timestamp)) > toleranceSeconds) return false
  const expected = Buffer.from(signPayload(secret, timestamp, body))
  const given = Buffer.from(signature)
  return given.length === expected.length && timingSafeEqual(given, expected)
}
