/**
 * Errors that reach Payload's error handler as 500s although the request was at fault. Payload
 * 3.90 turns a multipart body it cannot parse into a 500, and passes a `where` value that is not
 * a number (e.g. `where[parent][equals]=0,0` on a relationship) straight to the database, which
 * refuses it. These are the caller's mistakes: a 400 that says what to fix. Registered as
 * Payload's `afterError` hook, so every REST route gets it and nothing else is touched.
 */
import type { AfterErrorHook } from 'payload'

/** What busboy (Payload's multipart parser) says about a body that is not multipart. */
const UNREADABLE_MULTIPART = /Unexpected end of (form|multipart data)|Malformed part header|Boundary not found|Multipart: /i

/**
 * What the databases say about a value that is not a number where the column is one:
 * SQLite (libsql), and PostgreSQL's invalid_text_representation (22P02) and
 * numeric_value_out_of_range (22003).
 */
const NOT_A_NUMBER = /Only finite numbers \(not Infinity or NaN\)|invalid input syntax for type (integer|bigint|numeric|double precision)|out of range for type (integer|bigint)/
const NUMBER_ERROR_CODES = new Set(['22P02', '22003'])

/** The error and its causes, outermost first (drizzle wraps the driver's error). */
function* causes(error: unknown): Generator<{ message?: unknown; code?: unknown }> {
  let current = error as { message?: unknown; code?: unknown; cause?: unknown } | undefined
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    yield current
    current = current.cause as typeof current
  }
}

const badRequest = (message: string) => ({ response: { errors: [{ message }] }, status: 400 })

export const answerCallerMistakes: AfterErrorHook = ({ error, req }) => {
  const status = (error as { status?: number }).status
  if (status !== undefined && status < 500) return
  const contentType = req.headers?.get('content-type') ?? ''
  if (contentType.toLowerCase().startsWith('multipart/') && UNREADABLE_MULTIPART.test(String(error.message))) {
    return badRequest(
      `The multipart body could not be read (${String(error.message).slice(0, 100)}). Send well-formed multipart/form-data, with the document as JSON in a _payload field, or send JSON with Content-Type: application/json.`,
    )
  }
  for (const cause of causes(error)) {
    if (NOT_A_NUMBER.test(String(cause.message)) || NUMBER_ERROR_CODES.has(String(cause.code))) {
      return badRequest('A value in the query is not a valid number or id (e.g. a relationship compared with something that is not an id). Check the where, sort and id values.')
    }
  }
}
