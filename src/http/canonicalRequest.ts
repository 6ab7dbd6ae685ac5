/**
 * One spelling of every request, settled before any policy looks at it (the response cache, the
 * rate limits, the method override, the query guards) and before Payload does. A policy that
 * read the request as sent while Payload read it as it understands it could be walked around:
 * `/api/x/../users/login` and `/api/%2e/users/login` are the sign-in route to Payload (it reads
 * the path through WHATWG URL parsing, which resolves dot segments, `%2e` included, and turns `\`
 * into `/`), but were not the sign-in route to the per-IP budget, which read Express's raw path.
 *
 * - The request target becomes the path and query WHATWG URL parsing gives, which is what
 *   Payload routes on: dot segments resolved, backslashes made slashes, an absolute-form target
 *   (`POST http://host/api/...`) made origin-form, a fragment dropped. Letter case and
 *   percent-encoding of other characters are left as they are: Payload routes case-sensitively
 *   and does not decode the path, and so does Express here (src/http/app.ts turns on
 *   case-sensitive routing).
 * - The Content-Type's media type is lower-cased and its parameters tidied
 *   (`Application/JSON ;charset="UTF-8"` -> `application/json; charset=utf-8`). Media types are
 *   case-insensitive (RFC 9110), but Payload 3.90 compares the header with `===` and read such a
 *   body as no body at all. (Payload 3.90 workaround, listed in src/errors/callerMistakes.ts; the
 *   canonical spelling stays useful to the policies here when it can go.)
 *
 * Bodies are read by whoever needs them; `bodyText` decodes one the way Payload does.
 */
import type { IncomingMessage } from 'node:http'

/** The path and query Payload sees for a request target, or undefined for one URL parsing refuses. */
export function canonicalTarget(target: string): string | undefined {
  let url: URL
  try {
    // Origin-form is read as a path (a leading `//` is an empty segment, not a host).
    if (target.startsWith('/')) url = new URL(`http://localhost${target}`)
    else if (/^https?:\/\//i.test(target)) url = new URL(target)
    else return undefined // `*` (OPTIONS) and anything else: left to Node and Express
  } catch {
    return undefined
  }
  return url.pathname + url.search
}

/**
 * A Content-Type with its media type and parameter names lower-cased, blanks around parameters
 * trimmed, a quoted value that needs no quotes unquoted, and the charset lower-cased
 * (`charset="UTF-8"` is `charset=utf-8`). Other values (a multipart boundary) keep their case.
 */
export function canonicalContentType(value: string): string {
  const [type, ...parameters] = value.split(';')
  const canonicalParameters = parameters
    .map((parameter) => parameter.trim())
    .filter(Boolean)
    .map((parameter) => {
      const at = parameter.indexOf('=')
      if (at === -1) return parameter.toLowerCase()
      const name = parameter.slice(0, at).trim().toLowerCase()
      let content = parameter.slice(at + 1).trim()
      if (/^"[\w.+-]*"$/.test(content)) content = content.slice(1, -1)
      return `${name}=${name === 'charset' ? content.toLowerCase() : content}`
    })
  return [type.trim().toLowerCase(), ...canonicalParameters].join('; ')
}

/** Rewrites the request in place: its target and its Content-Type, as Payload reads them. */
export function canonicalizeRequest(req: IncomingMessage): void {
  const target = canonicalTarget(req.url ?? '/')
  if (target !== undefined && target !== req.url) req.url = target
  const contentType = req.headers['content-type']
  if (contentType === undefined) return
  const canonical = canonicalContentType(contentType)
  const raw = req.rawHeaders.filter((_, i) => i % 2 === 0 && req.rawHeaders[i].toLowerCase() === 'content-type')
  if (canonical === contentType && raw.length === 1) return
  req.headers['content-type'] = canonical
  // The Web Request handed to Payload is built from the raw headers (src/http/fetchBridge.ts):
  // one Content-Type there too (Node keeps the first of several; Headers would join them).
  const rawHeaders: string[] = []
  let kept = false
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    if (req.rawHeaders[i].toLowerCase() !== 'content-type') rawHeaders.push(req.rawHeaders[i], req.rawHeaders[i + 1])
    else if (!kept) {
      rawHeaders.push(req.rawHeaders[i], canonical)
      kept = true
    }
  }
  req.rawHeaders = rawHeaders
}

const utf8 = new TextDecoder()

/**
 * A body's text as Payload reads it (the Fetch API's `text()`: UTF-8, one leading byte-order mark
 * dropped). A policy that reads the body itself must use this: with `Buffer#toString` a BOM before
 * the JSON made it unparseable to the sign-in budget and still an account to Payload.
 */
export const bodyText = (bytes: Uint8Array): string => utf8.decode(bytes)
