/**
 * WORKAROUNDS FOR PAYLOAD 3.90.2: requests whose mistake is the caller's, which Payload (or its
 * SQL adapter) answers with a 5xx. They are all here, each saying what it works around and how
 * to tell when it can go. The requests are in tests/hostile-input.test.ts ("caller mistakes
 * Payload 3.90.2 answers with a 5xx"): remove a workaround, run that file on both databases, and
 * if Payload now answers its requests with a 4xx by itself the workaround has done its time.
 *
 * 1. `answerCallerMistakes` (Payload's afterError hook) and `callerMistakeOf` (the same judgment
 *    for GraphQL, src/http/graphql.ts): errors that reach Payload's error handler as 500s
 *    although the request was at fault (an unreadable multipart body, a value the database
 *    refuses) become a 400 that says what to fix. The safety net behind 2 and 3.
 * 2. `refuseQueriesTheDatabaseCannotRun` (beforeOperation): Payload checks that a `where` path
 *    exists, not that its operator and value suit the field. `near` on a text field, `all`
 *    anywhere (the SQL adapters have no such operator), a date compared with "notadate", an
 *    object where a value goes, a text match on an id or an enum, a negative page: each failed
 *    inside the adapter or the database. The caller's own REST query is judged, with a message
 *    naming the condition; GraphQL's schema already types most of it.
 * 3. `requireRelationshipTargets` (beforeChange): Payload validates only non-draft saves, and
 *    even then not whether a hasMany relationship's ids exist; the database's foreign key refused
 *    the write (a 500). Such a save is refused with a 400 naming the field.
 * 4. `missingFileIsNotFound` (upload handler): Payload answers `GET /api/media/file/<name>` for a
 *    file that is not on the disk with a 500 ("missing on the disk"), even when nothing of that
 *    name was ever uploaded. It is a 404.
 *
 * `callerMistakesCaughtEarly()` installs 2–4 on every collection (a plugin, listed last in
 * src/payload.config.ts). Payload's own collections (preferences, locks, jobs) are added after
 * plugins run; 1 covers them.
 *
 * Four more must act on the HTTP request before Payload reads it, so they sit at the door, each
 * marked "Payload 3.90 workaround" there:
 * - src/http/canonicalRequest.ts: Content-Type lower-cased (Payload compares it with `===` and read
 *   `Application/JSON` as no body). Can go when such a body reaches Payload as JSON untouched.
 * - src/http/apiGuards.ts, refuseUnreadableBodies: multipart types other than form-data are a 415
 *   (busboy's "Unsupported content type" became a 500); jsonQueryParams: `limit[]=`, `page[x]=`
 *   and `depth[]=` are a 400 (Payload passes the list on to the database).
 * - src/http/fetchBridge.ts: a JSON body nested more than MAX_JSON_NESTING levels is a 400
 *   (Payload's recursive copy ran out of stack on 5,000 levels).
 */
import { stat } from 'node:fs/promises'
import path from 'node:path'

import {
  type AfterErrorHook,
  type CollectionBeforeChangeHook,
  type CollectionBeforeOperationHook,
  type CollectionConfig,
  type CollectionSlug,
  type FlattenedField,
  headersWithCors,
  type Payload,
  type PayloadRequest,
  type Plugin,
  ValidationError,
} from 'payload'
import { validOperatorSet } from 'payload/shared'

import { NotFound, Refusal, refusalBody, refusalResponse } from './index'

// ---------------------------------------------------------------------------------------------
// 1. Errors Payload answers with a 500 although the request was at fault
// ---------------------------------------------------------------------------------------------

/** What busboy (Payload's multipart parser) says about a body it cannot read as form data. */
const UNREADABLE_MULTIPART = /Unexpected end of (form|multipart data)|Malformed part header|Boundary not found|Multipart: |Unsupported content type/i

/**
 * What the databases say about a value that is not a number where the column is one:
 * SQLite (libsql), and PostgreSQL's invalid_text_representation (22P02) and
 * numeric_value_out_of_range (22003).
 */
const NOT_A_NUMBER = /Only finite numbers \(not Infinity or NaN\)|invalid input syntax for type (integer|bigint|numeric|double precision)|out of range for type (integer|bigint)/
const NUMBER_ERROR_CODES = new Set(['22P02', '22003'])
/** MongoDB's counterpart: an id that is not an ObjectId (Mongoose's CastError, or the BSON library's own). */
const NOT_AN_OBJECT_ID = /Cast to ObjectId failed|input must be a 24 character hex string/
/** MongoDB refuses a field name with a null byte (in `sort` or `where`), which SQL quotes away. */
const NULL_BYTE_IN_NAME = /must not contain null bytes/
/** A list or an object bound where the database takes one value (SQLite says so; PostgreSQL: 22P02). */
const NOT_ONE_VALUE = /SQLite3 can only bind numbers, strings, bigints, buffers, and null|cannot be passed as argument to the database/
/** A foreign key that names no row: SQLite, and PostgreSQL's foreign_key_violation. */
const NO_SUCH_TARGET = /FOREIGN KEY constraint failed/
const NO_SUCH_TARGET_CODES = new Set(['23503'])
/** The SQL adapters' answer to an operator they do not implement, and to `like` given a list. */
const UNSUPPORTED_OPERATOR = /adapter\.operators\[queryOperator\] is not a function|val\.split is not a function/
/** PostgreSQL refuses a negative OFFSET or LIMIT (2201X, 2201W). */
const NEGATIVE_PAGING_CODES = new Set(['2201X', '2201W'])

/** The error and its causes, outermost first (drizzle wraps the driver's error). */
function* causes(error: unknown): Generator<{ message?: unknown; code?: unknown }> {
  let current = error as { message?: unknown; code?: unknown; cause?: unknown } | undefined
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    yield current
    current = current.cause as typeof current
  }
}

/** A request Payload would have failed on; logged at info level, as Payload logs its own 4xx. */
export class CallerMistake extends Refusal {
  constructor(message: string) {
    super(message, 400)
    this.name = 'CallerMistake' // set, not derived: the bundler may rename the class
  }
}

const mistake = (message: string) => new CallerMistake(message)

/**
 * The 4xx a 5xx error stands for when the request caused it, or undefined for a failure of ours.
 * `contentType` is the request's, for errors of the multipart parser.
 */
export function callerMistakeOf(error: unknown, contentType = ''): CallerMistake | undefined {
  const status = (error as { status?: number } | undefined)?.status
  if (status !== undefined && status < 500) return undefined
  const message = String((error as { message?: unknown } | undefined)?.message ?? '')
  if (contentType.toLowerCase().startsWith('multipart/') && UNREADABLE_MULTIPART.test(message)) {
    return mistake(
      `The multipart body could not be read (${message.slice(0, 100)}). Send well-formed multipart/form-data, with the document as JSON in a _payload field, or send JSON with Content-Type: application/json.`,
    )
  }
  if (UNSUPPORTED_OPERATOR.test(message)) {
    return mistake('A `where` operator does not suit its field or value (near, within and intersects are for point fields, `all` is not supported, `like` takes text). Check the where operators.')
  }
  for (const cause of causes(error)) {
    const text = String(cause.message)
    const code = String(cause.code)
    if (NOT_A_NUMBER.test(text) || NUMBER_ERROR_CODES.has(code) || NOT_AN_OBJECT_ID.test(text)) {
      return mistake('A value in the query is not a valid number or id (e.g. a relationship compared with something that is not an id). Check the where, sort and id values.')
    }
    if (NULL_BYTE_IN_NAME.test(text)) return mistake('A field name in `sort` or `where` contains a null byte (%00). Name fields as the API documents them.')
    if (NOT_ONE_VALUE.test(text)) return mistake('A value is a list or an object where one value (text, a number, an id or a date) goes. Check the where values and the document.')
    if (NO_SUCH_TARGET.test(text) || NO_SUCH_TARGET_CODES.has(code)) return mistake('A relationship names a document that does not exist. Check the ids in the relationship fields.')
    if (NEGATIVE_PAGING_CODES.has(code)) return mistake('`page` is a whole number of at least 1 and `limit` one of at least 0.')
  }
  return undefined
}

/** Payload's afterError hook: every REST route gets it, and nothing else is touched. */
export const answerCallerMistakes: AfterErrorHook = ({ error, req }) => {
  const found = callerMistakeOf(error, req.headers?.get('content-type') ?? '')
  if (found) return { response: refusalBody(found), status: found.status }
}

// ---------------------------------------------------------------------------------------------
// 2. `where`, `page` and `limit` the SQL adapters cannot run
// ---------------------------------------------------------------------------------------------

type Field = FlattenedField | { type: 'id'; name: 'id' }

const isPlainObject = (value: unknown): value is Record<string, unknown> => Boolean(value) && typeof value === 'object' && !Array.isArray(value)
const isScalar = (value: unknown) => value === null || ['string', 'number', 'boolean'].includes(typeof value)
const show = (value: unknown) => (typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : (JSON.stringify(value) ?? String(value)).slice(0, 60))

/** Whether ids of this collection are whole numbers (the SQL adapters' default). */
const numericIDs = (payload: Payload, slug: string) => {
  const collection = payload.collections[slug as keyof typeof payload.collections]
  return Boolean(collection) && !collection.customIDType && payload.db.defaultIDType === 'number'
}

/** Whether ids of this collection are ObjectIds (MongoDB's default). */
const objectIDs = (payload: Payload, slug: string) => {
  const collection = payload.collections[slug as keyof typeof payload.collections]
  return Boolean(collection) && !collection.customIDType && payload.db.name === 'mongoose'
}
const isObjectID = (value: unknown) => typeof value === 'string' && /^[0-9a-f]{24}$/i.test(value)

/**
 * The field a `where` path names, followed through groups, arrays, named tabs and single-target
 * relationships; undefined where Payload's own path check or a JSON query takes over.
 */
function fieldAt(payload: Payload, fields: FlattenedField[], segments: string[]): Field | undefined {
  const [name, ...rest] = segments
  if (name === 'id' && rest.length === 0) return { type: 'id', name: 'id' }
  const field = fields.find((candidate) => 'name' in candidate && candidate.name === name)
  if (!field) return undefined
  let next = rest
  // `name.es`: a localized field read in one locale.
  if ('localized' in field && field.localized && next.length && payload.config.localization && payload.config.localization.localeCodes.includes(next[0])) next = next.slice(1)
  if (!next.length) return field
  if (field.type === 'group' || field.type === 'array' || field.type === 'tab') return fieldAt(payload, field.flattenedFields, next)
  if ((field.type === 'relationship' || field.type === 'upload') && typeof field.relationTo === 'string') {
    const target = payload.collections[field.relationTo as keyof typeof payload.collections]
    return target ? fieldAt(payload, target.config.flattenedFields, next) : undefined
  }
  return undefined
}

const DATE_OPERATORS = ['equals', 'not_equals', 'greater_than', 'greater_than_equal', 'less_than', 'less_than_equal', 'in', 'not_in', 'exists']
const LIST_OPERATORS = new Set(['in', 'not_in'])
const TEXT_OPERATORS = new Set(['like', 'not_like', 'contains'])
const GEO_OPERATORS = new Set(['near', 'within', 'intersects'])

/** The values a list operator compares with: Payload splits a string at commas. */
const listValues = (value: unknown): unknown[] => (Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value])

const isDate = (value: unknown) =>
  value === null || value === '' || value === 'null' || (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && !Number.isNaN(new Date(value).getTime()))
const isNumber = (value: unknown) => value === null || value === '' || (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
const isWholeNumber = (value: unknown) => value === null || value === '' || value === 'null' || (typeof value === 'number' && Number.isSafeInteger(value)) || (typeof value === 'string' && /^-?\d{1,15}$/.test(value.trim()))
const isBoolean = (value: unknown) => value === null || typeof value === 'boolean' || (typeof value === 'string' && /^(true|false)$/i.test(value.trim()))

/** What is wrong with `{ [path]: { [operator]: value } }`, or undefined when the adapter can run it. */
function operatorProblem(payload: Payload, path: string, field: Field, operator: string, value: unknown): string | undefined {
  const where = `where[${path}][${operator}]`
  const type = field.type
  if (!validOperatorSet.has(operator as never)) return undefined // Payload ignores an operator it does not know
  if (operator === 'all') return `${where}: \`all\` is not supported on this database. Use \`in\` (any of the values), or one \`equals\`/\`contains\` condition per value inside \`and\`.`
  if (GEO_OPERATORS.has(operator) && type !== 'point') return `${where}: \`${operator}\` is for point (geographic) fields; \`${path}\` is a ${type} field.`
  if (operator === 'exists') return isScalar(value) ? undefined : `${where}: \`exists\` takes true or false, not ${show(value)}.`
  // Rich text and JSON are stored as JSON: a path inside them is a JSON query, left to the
  // adapter (fieldAt does not follow it). On PostgreSQL (jsonb) the column itself has no text match.
  if (type === 'json' || type === 'richText' || type === 'blocks') {
    if (TEXT_OPERATORS.has(operator) && payload.db.name === 'postgres') return `${where}: \`${path}\` is stored as JSON; on this database it cannot be matched as text. Query a path inside it, or use exists.`
    return undefined
  }
  const relationship = type === 'relationship' || type === 'upload' || type === 'join'
  // A nested query on a relationship (`contains: { name: { equals: ... } }`) and a polymorphic
  // value (`equals: { relationTo, value }`) are objects Payload understands. Through a join the
  // adapter compares the object with an id as text (PostgreSQL refuses; SQLite matches nothing).
  if (type === 'join' && isPlainObject(value)) return `${where}: a join cannot be queried through (\`${operator}\` with an object); query the joined collection by the field that links back instead.`
  if (relationship && isPlainObject(value) && (operator === 'contains' || (operator === 'equals' && 'relationTo' in value))) return undefined
  const hasMany = 'hasMany' in field && field.hasMany === true
  const listAllowed = LIST_OPERATORS.has(operator) || (relationship && (operator === 'equals' || operator === 'not_equals')) || (hasMany && operator === 'contains')
  if (Array.isArray(value) ? !listAllowed || !value.every(isScalar) : !isScalar(value)) {
    return LIST_OPERATORS.has(operator)
      ? `${where}: \`${operator}\` takes a list of values (where[${path}][${operator}][]=a&where[${path}][${operator}][]=b, or "a,b"), not ${show(value)}.`
      : `${where}: \`${operator}\` takes one value, not ${Array.isArray(value) ? 'a list' : 'an object'} (${show(value)}).`
  }
  const values = LIST_OPERATORS.has(operator) || Array.isArray(value) ? listValues(value) : [value]
  if ((operator === 'like' || operator === 'not_like') && !['number', 'id', 'relationship', 'upload'].includes(type) && values.some((v) => v !== null && typeof v !== 'string')) {
    return `${where}: \`${operator}\` takes text, not ${show(value)}.`
  }
  if (type === 'date') {
    if (!DATE_OPERATORS.includes(operator)) return `${where}: dates are compared with ${DATE_OPERATORS.join(', ')}; not \`${operator}\`.`
    const bad = values.find((v) => !isDate(v))
    if (bad !== undefined) return `${where}: ${show(bad)} is not a date. Use ISO 8601, e.g. 2026-01-31 or 2026-01-31T09:30:00Z.`
  }
  // On PostgreSQL a select is an enum and a checkbox a boolean: no text match on either, and a
  // value outside the options is refused by the database.
  if ((type === 'select' || type === 'radio' || type === 'checkbox') && TEXT_OPERATORS.has(operator) && !(operator === 'contains' && hasMany)) {
    return `${where}: \`${path}\` is ${type === 'checkbox' ? 'true or false' : 'one of a set of values'}; compare it with equals, not_equals, in, not_in or exists, not \`${operator}\`.`
  }
  if (field.type === 'select' || field.type === 'radio') {
    const options = field.options.map((option) => (typeof option === 'string' ? option : option.value))
    const bad = values.find((v) => v !== null && !options.includes(String(v)))
    if (bad !== undefined) return `${where}: ${show(bad)} is not one of the values of \`${path}\` (${options.join(', ').slice(0, 200)}).`
  }
  if (type === 'checkbox') {
    const bad = values.find((v) => !isBoolean(v))
    if (bad !== undefined) return `${where}: \`${path}\` is true or false, not ${show(bad)}.`
  }
  // In a list Payload reads each entry as a number: an empty one is NaN, which PostgreSQL refuses.
  const inList = LIST_OPERATORS.has(operator) || Array.isArray(value)
  if ((type === 'number' && !hasMany) || type === 'id') {
    if (TEXT_OPERATORS.has(operator) && operator !== 'like') return `${where}: \`${path}\` is a number; compare it with equals, greater_than, less_than, in and the like, not \`${operator}\`.`
    const bad = values.find((v) => (inList && (v === '' || v === 'null')) || !(type === 'id' ? isWholeNumber(v) : isNumber(v)))
    if (bad !== undefined) return `${where}: ${show(bad)} is not ${type === 'id' ? 'an id' : 'a number'}.`
  }
  // A relationship (or a join) compared with a value compares ids. The adapter turns `like` on a
  // relationship, and `contains` on a hasMany one, into `equals`; the other text operators reach
  // PostgreSQL as a text match on an integer column, which it refuses.
  const textOnIDs = relationship && TEXT_OPERATORS.has(operator) && !(operator === 'like' && type !== 'join') && !(operator === 'contains' && hasMany)
  if (textOnIDs) return `${where}: \`${path}\` holds ids; compare it with equals, not_equals, in, not_in or exists, not \`${operator}\`.`
  const target = field.type === 'join' ? field.collection : field.type === 'relationship' || field.type === 'upload' ? field.relationTo : undefined
  if (typeof target === 'string' && numericIDs(payload, target)) {
    const bad = values.find((v) => (inList && (v === '' || v === 'null')) || !isWholeNumber(v))
    if (bad !== undefined) return `${where}: ${show(bad)} is not an id of ${target} (ids are whole numbers).`
  }
  if (typeof target === 'string' && objectIDs(payload, target)) {
    const bad = values.find((v) => !(v === null || (!inList && (v === '' || v === 'null')) || isObjectID(v)))
    if (bad !== undefined) return `${where}: ${show(bad)} is not an id of ${target} (ids are 24 hexadecimal digits).`
  }
  return undefined
}

/** A document's own id compared on MongoDB: anything but an ObjectId (or null) matches nothing, and is the caller's mistake. */
function objectIDProblem(path: string, operator: string, value: unknown): string | undefined {
  if (!validOperatorSet.has(operator as never) || operator === 'exists') return undefined
  const values = Array.isArray(value) ? value : typeof value === 'string' && LIST_OPERATORS.has(operator) ? value.split(',') : [value]
  const bad = values.find((v) => !(v === null || v === 'null' || isObjectID(v)))
  return bad === undefined ? undefined : `where[${path}][${operator}]: ${show(bad)} is not an id (ids are 24 hexadecimal digits).`
}

/** The first problem in a `where` tree over `fields`, or undefined. */
function whereProblem(payload: Payload, fields: FlattenedField[], where: unknown, idsAreNumbers: boolean, idsAreObjectIDs = false): string | undefined {
  if (!isPlainObject(where)) return undefined
  for (const [key, condition] of Object.entries(where)) {
    if (key.toLowerCase() === 'and' || key.toLowerCase() === 'or') {
      for (const child of Array.isArray(condition) ? condition : []) {
        const problem = whereProblem(payload, fields, child, idsAreNumbers, idsAreObjectIDs)
        if (problem) return problem
      }
      continue
    }
    if (!isPlainObject(condition)) continue // Payload ignores a path given a plain value
    const path = key.replace(/__/g, '.')
    const field = fieldAt(payload, fields, path.split('.'))
    if (!field) continue // Payload's own path check answers an unknown path
    for (const [operator, value] of Object.entries(condition)) {
      const problem =
        operatorProblem(payload, path, field.type === 'id' && !idsAreNumbers ? ({ type: 'text', name: 'id' } as Field) : field, operator, value) ??
        (field.type === 'id' && idsAreObjectIDs ? objectIDProblem(path, operator, value) : undefined)
      if (problem) return problem
    }
  }
  return undefined
}

/** `page` and `limit` as the adapters take them: whole numbers, page from 1, limit from 0. */
function pagingProblem(args: { page?: unknown; limit?: unknown }, prefix = ''): string | undefined {
  for (const [name, min] of [['page', 1], ['limit', 0]] as const) {
    const value = args[name]
    if (value === undefined || value === null) continue
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= min) continue
    return `\`${prefix}${name}\` must be a whole number of at least ${min}, not ${show(value)}.`
  }
  return undefined
}

const QUERY_OPERATIONS = new Set(['read', 'count', 'countVersions', 'readDistinct', 'update', 'delete'])

/**
 * The caller's own `where` or `joins`: the very object Payload parsed from the query string (its
 * REST handlers hand `req.query`'s to the operation). Queries Careline's code builds while
 * serving a request share that request and are not the caller's to be told about; GraphQL's are
 * typed by the schema, and what the schema lets through falls to the safety net (1).
 */
const callersOwn = (req: PayloadRequest, name: 'where' | 'joins', value: unknown) => value !== undefined && value === (req.query as Record<string, unknown> | undefined)?.[name]

export const refuseQueriesTheDatabaseCannotRun: CollectionBeforeOperationHook = ({ args, collection, operation, req }) => {
  if (!QUERY_OPERATIONS.has(operation)) return args
  const { payload } = req
  const query = args as { where?: unknown; page?: unknown; limit?: unknown; joins?: unknown }
  const idsAreNumbers = numericIDs(payload, collection.slug)
  const idsAreObjectIDs = objectIDs(payload, collection.slug)
  let problem = (callersOwn(req, 'where', query.where) ? whereProblem(payload, collection.flattenedFields, query.where, idsAreNumbers, idsAreObjectIDs) : undefined) ?? pagingProblem(query)
  // A join's own query (`joins[subtypes][where]...`).
  if (!problem && callersOwn(req, 'joins', query.joins) && isPlainObject(query.joins)) {
    for (const [joinPath, joinQuery] of Object.entries(query.joins)) {
      const join = fieldAt(payload, collection.flattenedFields, joinPath.split('.'))
      if (!join || join.type !== 'join' || !isPlainObject(joinQuery)) continue
      const target = payload.collections[join.collection as keyof typeof payload.collections]
      problem =
        (target && whereProblem(payload, target.config.flattenedFields, joinQuery.where, numericIDs(payload, target.config.slug), objectIDs(payload, target.config.slug))) ||
        pagingProblem(joinQuery, `joins[${joinPath}].`)
      if (problem) break
    }
  }
  if (problem) throw new CallerMistake(problem)
  return args
}

// ---------------------------------------------------------------------------------------------
// 3. Relationships to documents that do not exist
// ---------------------------------------------------------------------------------------------

interface Link {
  /** Where the relationship sits in the document, e.g. `symptoms.0.symptom`. */
  path: string
  collection: string
  id: unknown
  /** A list given to a relationship that holds one document. */
  listForOne?: boolean
}

/** The id a relationship value names: an id, a populated document, or `{ relationTo, value }`. */
function linkOf(field: { relationTo: string | string[] }, value: unknown): { collection?: string; id: unknown } {
  if (Array.isArray(field.relationTo)) {
    if (!isPlainObject(value)) return { id: value }
    const inner = isPlainObject(value.value) && 'id' in value.value ? value.value.id : value.value
    return { collection: typeof value.relationTo === 'string' && field.relationTo.includes(value.relationTo) ? value.relationTo : undefined, id: inner }
  }
  return { collection: field.relationTo, id: isPlainObject(value) && 'id' in value ? value.id : value }
}

/** A whole number the id column holds (PostgreSQL's `serial` is a 32-bit integer). */
const isStoredID = (payload: Payload, id: unknown) =>
  isWholeNumber(id) && id !== '' && id !== 'null' && id !== null && Math.abs(Number(id)) <= (payload.db.name === 'postgres' ? 2_147_483_647 : Number.MAX_SAFE_INTEGER)

/** Every relationship value in `data`, walked through groups, arrays, blocks and locales. */
function* linksIn(payload: Payload, fields: FlattenedField[], data: unknown, prefix = ''): Generator<Link> {
  if (!isPlainObject(data)) return
  const locales = payload.config.localization ? payload.config.localization.localeCodes : []
  for (const field of fields) {
    if (!('name' in field) || !(field.name in data)) continue
    const at = `${prefix}${field.name}`
    let values: unknown[] = [data[field.name]]
    // Written for every locale at once: `{ en: ..., es: ... }`.
    const value = data[field.name]
    if ('localized' in field && field.localized && isPlainObject(value) && Object.keys(value).length && Object.keys(value).every((key) => locales.includes(key))) values = Object.values(value)
    for (const one of values) {
      if (field.type === 'relationship' || field.type === 'upload') {
        const listForOne = Array.isArray(one) && !field.hasMany
        for (const item of Array.isArray(one) ? one : [one]) {
          if (item === null || item === undefined || item === '') continue
          const { collection, id } = linkOf(field, item)
          if (id === null || id === undefined) continue
          yield { path: at, collection: collection ?? '', id, listForOne }
        }
      } else if (field.type === 'group' || field.type === 'tab') {
        yield* linksIn(payload, field.flattenedFields, one, `${at}.`)
      } else if (field.type === 'array' && Array.isArray(one)) {
        for (const [i, row] of one.entries()) yield* linksIn(payload, field.flattenedFields, row, `${at}.${i}.`)
      } else if (field.type === 'blocks' && Array.isArray(one)) {
        for (const [i, row] of one.entries()) {
          const block = isPlainObject(row) ? field.blocks.find((candidate) => candidate.slug === row.blockType) : undefined
          if (block) yield* linksIn(payload, block.flattenedFields, row, `${at}.${i}.`)
        }
      }
    }
  }
}

/**
 * Refuses a save whose relationships name ids that are not ids, or documents that do not exist,
 * naming the field. Ids the document already links to are not looked up again; the others are
 * looked up once per collection, in the save's own transaction (the adapter, as the foreign key
 * would: whether a document exists, not whether this caller may read it).
 */
export const requireRelationshipTargets: CollectionBeforeChangeHook = async ({ collection, data, originalDoc, req }) => {
  const { payload } = req
  const known = new Set([...linksIn(payload, collection.flattenedFields, originalDoc)].map((link) => `${link.collection}:${String(link.id)}`))
  const wanted = new Map<string, Map<string, string>>()
  const problems: { path: string; message: string }[] = []
  for (const link of linksIn(payload, collection.flattenedFields, data)) {
    if (link.listForOne) {
      problems.push({ path: link.path, message: `This relationship holds one document: send one id, not a list.` })
      continue
    }
    if (!link.collection) {
      problems.push({ path: link.path, message: `${show(link.id)} does not say which collection it belongs to: send { "relationTo": "<collection>", "value": <id> }.` })
      continue
    }
    const numeric = numericIDs(payload, link.collection)
    const objectID = objectIDs(payload, link.collection)
    const key = numeric && isWholeNumber(link.id) ? String(Number(link.id)) : String(link.id)
    if (known.has(`${link.collection}:${key}`)) continue
    const wellFormed = numeric ? isStoredID(payload, link.id) : objectID ? isObjectID(link.id) : typeof link.id === 'string' || typeof link.id === 'number'
    if (!wellFormed) {
      problems.push({ path: link.path, message: `${show(link.id)} is not an id of ${link.collection}${numeric ? ' (ids are whole numbers)' : objectID ? ' (ids are 24 hexadecimal digits)' : ''}.` })
      continue
    }
    const ids = wanted.get(link.collection) ?? new Map<string, string>()
    if (!ids.has(key)) ids.set(key, link.path)
    wanted.set(link.collection, ids)
  }
  for (const [target, ids] of wanted) {
    const values = [...ids.keys()].map((id) => (numericIDs(payload, target) ? Number(id) : id))
    const found = await payload.db.find<{ id: number | string }>({ collection: target as CollectionSlug, where: { id: { in: values } }, limit: 0, pagination: false, req, select: { id: true } })
    const existing = new Set(found.docs.map((doc) => String(doc.id)))
    for (const [id, at] of ids) if (!existing.has(id)) problems.push({ path: at, message: `There is no ${target} document with the id ${id}.` })
  }
  const distinct = [...new Map(problems.map((problem) => [`${problem.path}\n${problem.message}`, problem])).values()]
  if (distinct.length) throw new ValidationError({ collection: collection.slug, errors: distinct, req })
  return data
}

// ---------------------------------------------------------------------------------------------
// 4. A file that is not on the disk
// ---------------------------------------------------------------------------------------------

/** Answers 404 for a file missing from the collection's directory; Payload serves the others. */
const missingFileIsNotFound =
  (slug: string) =>
  async (req: PayloadRequest, { params }: { params: { filename: string } }): Promise<Response | undefined> => {
    const upload = req.payload.collections[slug as keyof typeof req.payload.collections]?.config.upload
    const directory = path.resolve((upload && upload.staticDir) || slug)
    const file = path.resolve(directory, params.filename)
    if (!file.startsWith(directory + path.sep)) return undefined // Payload refuses that itself
    try {
      await stat(file)
      return undefined // on the disk: Payload serves it
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      return refusalResponse(new NotFound(`Not found: there is no file named ${show(params.filename)} in ${slug}.`), headersWithCors({ headers: new Headers(), req }))
    }
  }

/** Only for files on the local disk: a storage plugin (S3) brings its own handler. */
function withMissingFileAsNotFound(collection: CollectionConfig): CollectionConfig['upload'] {
  const upload = collection.upload === true ? {} : collection.upload
  if (!upload || upload.disableLocalStorage || upload.handlers?.length) return collection.upload
  // (Payload's type says Promise<Response> | Promise<void>; it takes undefined as "go on".)
  type Handler = NonNullable<typeof upload.handlers>[number]
  return { ...upload, handlers: [missingFileIsNotFound(collection.slug) as Handler] }
}

// ---------------------------------------------------------------------------------------------

/** Installs 2–4 on every collection of the config; listed last among the plugins. */
export const callerMistakesCaughtEarly =
  (): Plugin =>
  (config) => ({
    ...config,
    loggingLevels: { CallerMistake: 'info', ...config.loggingLevels },
    collections: (config.collections ?? []).map((collection) => ({
      ...collection,
      hooks: {
        ...collection.hooks,
        beforeOperation: [refuseQueriesTheDatabaseCannotRun, ...(collection.hooks?.beforeOperation ?? [])],
        beforeChange: [...(collection.hooks?.beforeChange ?? []), requireRelationshipTargets],
      },
      ...(collection.upload ? { upload: withMissingFileAsNotFound(collection) } : {}),
    })),
  })
