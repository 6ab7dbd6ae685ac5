/**
 * Requests Payload's REST handlers would answer with a 5xx although the mistake is the caller's,
 * refused first with a 4xx that says what to do instead.
 */
import type { RequestHandler } from 'express'
import type { Payload } from 'payload'

import { BadQuery, NotFound, Refusal, sendRefusal } from '../errors'

/**
 * Payload reads JSON, and multipart/form-data through busboy; any other multipart type failed
 * there with a 500 (Payload 3.90 workaround, listed in src/errors/callerMistakes.ts).
 */
const readable = (type: string) => type === 'application/json' || type === 'multipart/form-data'

const carriesBody = (req: Parameters<RequestHandler>[0]) =>
  Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined

/**
 * Sends the refusal without handing the request on. The unread body is discarded so the
 * kept-alive connection can carry the next request (a chunked one, of unknown length, closes it).
 */
function sendUnread(req: Parameters<RequestHandler>[0], res: Parameters<RequestHandler>[1], refusal: Refusal) {
  if (req.get('content-length') === undefined && req.get('transfer-encoding') !== undefined) res.setHeader('connection', 'close')
  req.resume()
  sendRefusal(res, refusal)
}

const SEND_JSON = 'send the document as JSON with Content-Type: application/json (or multipart/form-data with the JSON in a _payload field, for uploads).'

/**
 * Payload reads JSON and multipart bodies only. A write whose body is anything else
 * (form-encoded, text, XML, or no Content-Type at all) reaches it as "no data", and a create or
 * an update then fails inside Payload with a TypeError (a 500). Such requests get a 415.
 */
export const refuseUnreadableBodies: RequestHandler = (req, res, next) => {
  const method = req.method.toUpperCase()
  const createsDocument = method === 'POST' && /^\/[^/]+\/?$/.test(req.path)
  // PATCH, PUT and a create need a document; other POSTs without a body (logout,
  // refresh-token, a review action, which checks its own) are left to their handlers.
  const needsType = method === 'PATCH' || method === 'PUT' || createsDocument || (method === 'POST' && carriesBody(req))
  const contentType = req.get('content-type') ?? ''
  const type = contentType.split(';', 1)[0].trim().toLowerCase()
  const writes = method === 'POST' || method === 'PATCH' || method === 'PUT'
  if (!writes || (!needsType && !type.startsWith('multipart/'))) return next()
  if (!readable(type)) {
    sendUnread(req, res, new Refusal(`${type ? `A body of type ${type.slice(0, 80)} cannot be read` : 'The request has no Content-Type'}: ${SEND_JSON}`, 415))
    return
  }
  // (The Content-Type was made canonical before any policy: `Application/JSON` is JSON here and
  // to Payload; src/http/canonicalRequest.ts.)
  // Payload answers a multipart body it cannot parse with a 500; these two it can tell apart.
  if (type.startsWith('multipart/') && (!/;\s*boundary=/i.test(contentType) || !carriesBody(req))) {
    sendUnread(req, res, new Refusal(`A multipart body needs a boundary in its Content-Type and at least one part; or ${SEND_JSON}`, 400))
    return
  }
  if (type !== 'application/json' || !carriesBody(req)) return next()
  // Payload takes any JSON value as the document; a number, string, array or null then fails
  // inside it (a 500). A JSON document is an object: look at its first character, unread.
  firstCharacter(req).then((first) => {
    if (first === undefined || first === '{') return next()
    sendUnread(req, res, new Refusal(`The body must be a JSON object (it starts with ${JSON.stringify(first)}), e.g. {"name": "..."}.`, 400))
  }, next)
}

/** The first non-blank character of the body, put back so the handler reads the whole body. */
function firstCharacter(req: Parameters<RequestHandler>[0]): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const done = (value: string | undefined) => {
      req.off('readable', onReadable)
      req.off('end', onEnd)
      req.off('error', reject)
      resolve(value)
    }
    const onEnd = () => done(undefined)
    const onReadable = () => {
      const chunk = req.read() as Buffer | null
      if (chunk === null) return
      req.unshift(chunk)
      const text = chunk.toString('utf8').trimStart()
      // A first chunk of blanks only: let the handler judge the body.
      done(text ? text[0] : undefined)
    }
    req.on('readable', onReadable)
    req.once('end', onEnd)
    req.once('error', reject)
  })
}

/**
 * Collections that are not served over REST (Payload's `endpoints: false`, e.g.
 * payload-migrations) are answered by Payload with 501 Not Implemented; to a caller they do not
 * exist: 404.
 */
export const notServedOverAPI =
  (payload: Payload): RequestHandler =>
  (req, res, next) => {
    const slug = req.path.split('/')[1]
    if (slug && payload.collections[slug as keyof typeof payload.collections]?.config.endpoints === false) {
      sendUnread(req, res, new NotFound(`Not found: ${req.originalUrl.split('?')[0].slice(0, 200)}. The ${slug} collection is not served over the API.`))
      return
    }
    next()
  }

/** Largest id a numeric id column holds: PostgreSQL's `serial` is a 32-bit integer. */
const maxNumericID = (payload: Payload) => (payload.db.name === 'postgres' ? 2_147_483_647 : Number.MAX_SAFE_INTEGER)

/**
 * Where a document id sits in a collection route: `/:slug/:id...` unless the segment is one of
 * the collection's own named routes (`/versions/:id`, `/page/:slug`, `/count`, ...).
 */
function idInPath(endpoints: { path: string }[], rest: string[]): string | undefined {
  const [first, second] = rest
  if (first === undefined || first === '') return undefined
  const named = endpoints.some((endpoint) => {
    const pattern = endpoint.path.split('/').slice(1)
    // A route of the collection's own whose first segment is a parameter other than the id
    // (payload-preferences' `/:key`) takes any value there.
    const leads = pattern[0] === first || (pattern[0]?.startsWith(':') && pattern[0] !== ':id')
    return leads && pattern.length === rest.length && pattern.every((part, i) => part.startsWith(':') || part === rest[i])
  })
  if (!named) return first
  if (first === 'versions') return second || undefined
  return undefined
}

/** What an id in a path must look like on this database: a whole number (SQL) or an ObjectId (MongoDB). */
const OBJECT_ID = /^[0-9a-f]{24}$/i
const wellFormedID = (payload: Payload, id: string) =>
  payload.db.defaultIDType === 'number' ? /^\d{1,16}$/.test(id) && Number(id) <= maxNumericID(payload) : OBJECT_ID.test(id)

/**
 * On SQL databases ids are whole numbers, on MongoDB 24 hexadecimal digits (ObjectIds). An id
 * that is not one (`/api/conditions/abc`, `/api/conditions/%zz`, or `/api/conditions/page/` read
 * as the id "page") reached the database as NaN, past the column's range or as a failed ObjectId
 * cast, or failed Payload's own decoding of the path, each with a 500; no document has such an
 * id: 404.
 */
export const wellFormedIDs =
  (payload: Payload): RequestHandler =>
  (req, res, next) => {
    const [, slug, ...rest] = req.path.split('/')
    const collection = payload.collections[slug as keyof typeof payload.collections]
    if (!collection || collection.customIDType || !Array.isArray(collection.config.endpoints)) return next()
    if (rest.length > 1 && rest.at(-1) === '') rest.pop()
    const id = idInPath(collection.config.endpoints, rest)
    if (id === undefined || wellFormedID(payload, id)) return next()
    const shape = payload.db.defaultIDType === 'number' ? 'whole numbers' : '24 hexadecimal digits'
    sendUnread(req, res, new NotFound(`Not found: no document in ${slug} has the id "${id.slice(0, 40)}" (ids are ${shape}).`))
  }

/**
 * Payload reads `where` (and `data`) given as one plain value as JSON, and a value that is not
 * JSON failed with a SyntaxError (a 500). Such a value must be a JSON object; else 400.
 */
export const jsonQueryParams: RequestHandler = (req, res, next) => {
  const query = req.originalUrl.includes('?') ? new URLSearchParams(req.originalUrl.slice(req.originalUrl.indexOf('?') + 1)) : undefined
  for (const name of ['where', 'data']) {
    const values = query?.getAll(name) ?? []
    if (!values.length) continue
    let parsed: unknown
    try {
      parsed = values.length === 1 ? JSON.parse(values[0]) : undefined
    } catch {
      parsed = undefined
    }
    if (values.length === 1 && values[0] === '') continue
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) continue
    const example = name === 'where' ? ' (e.g. where={"slug":{"equals":"sciatica"}}), or in brackets: where[slug][equals]=sciatica' : ''
    sendUnread(req, res, new BadQuery(`\`${name}\` must be given once, as a JSON object${example}.`))
    return
  }
  // Payload reads these as numbers; Infinity (page=1e309), a number past the safe range or a
  // negative page (PostgreSQL: negative OFFSET) reached the database and failed there (a 500),
  // and so did a list or an object (`limit[]=abc`, `page[x]=1`), which Payload passes on as it is
  // (Payload 3.90 workaround, listed in src/errors/callerMistakes.ts).
  for (const [name, min] of [['page', 1], ['limit', 0], ['depth', 0]] as const) {
    const values = query?.getAll(name) ?? []
    const nested = [...(query?.keys() ?? [])].find((key) => key.startsWith(`${name}[`))
    if (nested !== undefined) {
      sendUnread(req, res, new BadQuery(`\`${name}\` must be given once, as a whole number of at least ${min}, not as a list or an object (\`${nested.slice(0, 40)}\`).`))
      return
    }
    if (!values.length || (values.length === 1 && values[0].trim() === '')) continue
    if (values.length === 1 && /^\d{1,15}$/.test(values[0].trim()) && Number(values[0]) >= min) continue
    sendUnread(req, res, new BadQuery(`\`${name}\` must be given once, as a whole number of at least ${min}, not "${values.join(', ').slice(0, 40)}".`))
    return
  }
  next()
}
