/**
 * WORKAROUND (Payload 3.90.2's SQL adapters on drizzle-orm's relational queries): Payload reads
 * every document through `db.query.<table>.findMany(config)`, and Drizzle turns that config into
 * SQL anew on each read: a condition by slug at depth 1 walks its arrays, locales and relationship
 * tables into a 5.8 KB statement, about a fifth of the CPU of `GET /api/conditions?where[slug]
 * [equals]=...&depth=1` (profiled on PostgreSQL, 16 connections). The statement depends on the
 * config's shape, not on the values a caller filters by, so each shape is built once.
 *
 * How: the config is read into a key (its objects in order, columns and tables by identity, the
 * functions Drizzle would call evaluated on stand-ins for the table's columns, SQL chunk by
 * chunk) in which each parameter value of the config is a numbered slot. A first read of a shape
 * is only noted; read again, it is built twice: as Drizzle builds it, and with each slot's value
 * swapped for a Drizzle placeholder; the shape is kept only when both give the same SQL and,
 * filled in, the same parameters. Later reads of the shape take the kept SQL and selection, with
 * their own values mapped by each parameter's encoder, as Drizzle fills a prepared query's
 * placeholders.
 *
 * Anything the key cannot read (a subquery, a placeholder of the caller's, inlined parameters, a
 * value that is an object, a function that fails on stand-ins) is built by Drizzle as before, and
 * so is a value whose encoder answers SQL. Values inside what a function returns are part of the
 * key itself, so a function that closes over a value never shares a built statement with another.
 *
 * How to tell when it can go: Payload's adapters prepare their reads (Drizzle's `.prepare()` with
 * placeholders), or Drizzle caches built relational queries; then removing this file changes no
 * figure of `npm run bench -- --scenarios rest-by-slug`. tests/query-budget.test.ts checks
 * that reads of one shape with other values (ids, slugs, locale, related records) each get their
 * own answer without a build.
 */
import { Column, entityKind, is, Name, Param, Placeholder, SQL, StringChunk, Table } from 'drizzle-orm'
import type { Payload } from 'payload'

import { drizzleRelationalQueryClass, type RelationalQuery } from './internals'

/** Shapes kept per process (least recently read dropped first): Payload's reads of a collection number in the tens (select, sort, page). */
const KEPT_SHAPES = 500

interface Built {
  query: { selection: unknown }
  builtQuery: { sql: string; params: unknown[]; typings?: unknown[] }
}
interface Kept {
  query: Built['query']
  sql: string
  /** Drizzle's built parameters: a slot's number where the read's own value goes, else the value built. */
  params: ({ slot: number } | { built: unknown })[]
  typings?: unknown[]
}

/** Thrown by the key reader on anything it cannot read: the read is built by Drizzle. */
class Unreadable extends Error {}

const ids = new WeakMap<object, number>()
let nextID = 0
const idOf = (value: object) => {
  let id = ids.get(value)
  if (id === undefined) ids.set(value, (id = ++nextID))
  return id
}

/** What stands for a table's column, or an operator's result, when a config function is evaluated. */
class StandIn {
  constructor(readonly token: string) {}
}
const STAND_IN_CALL = Symbol('operator')
/**
 * Stand-ins answer only a property read by name: a function that lists or tests the columns
 * (whose answer the stand-ins could not show) fails, and its read is built by Drizzle.
 */
const onlyReadByName = <T>(get: (name: string) => T): Record<string, T> =>
  new Proxy({} as Record<string, T>, {
    get: (_target, name) => (typeof name === 'string' ? get(name) : undefined),
    has: () => {
      throw new Unreadable()
    },
    ownKeys: () => {
      throw new Unreadable()
    },
    getOwnPropertyDescriptor: () => {
      throw new Unreadable()
    },
  })
const standInColumns = onlyReadByName((name) => new StandIn(`column:${name}`))
const standInOperators = onlyReadByName(
  (name) =>
    (...args: unknown[]) => ({ [STAND_IN_CALL]: name, args }),
)

/** A config's key, and the config's parameters in the key's slot order. */
function keyOf(root: object, config: unknown): { key: string; slots: Param[] } {
  const parts: string[] = [String(idOf(root))]
  const slots: Param[] = []
  const seen = new Set<object>()
  const read = (value: unknown, inFunction: boolean): void => {
    if (value === null || value === undefined || typeof value === 'boolean' || typeof value === 'number') {
      parts.push(String(value))
      return
    }
    if (typeof value === 'string') {
      parts.push(JSON.stringify(value))
      return
    }
    if (typeof value === 'function') {
      // Drizzle calls it with the table's (aliased) columns and its operators.
      let result: unknown
      try {
        result = (value as (columns: unknown, operators: unknown) => unknown)(standInColumns, standInOperators)
      } catch {
        throw new Unreadable()
      }
      // Its text too: two functions that answer the stand-ins alike may differ on real columns.
      parts.push(`fn:${JSON.stringify(String(value))}(`)
      read(result, true)
      parts.push(')')
      return
    }
    if (typeof value !== 'object') throw new Unreadable()
    if (seen.has(value)) throw new Unreadable()
    seen.add(value)
    try {
      // Drizzle's own classes by their entity kind, read once (its `is` walks the class chain).
      const kind = (value.constructor as { [entityKind]?: string } | undefined)?.[entityKind]
      if (value instanceof StandIn) parts.push(value.token)
      else if (Array.isArray(value)) {
        parts.push('[')
        for (const item of value) read(item, inFunction)
        parts.push(']')
      } else if (kind === Param[entityKind]) {
        const { value: given, encoder } = value as Param
        if (given !== null && typeof given === 'object' && !(given instanceof Date)) throw new Unreadable()
        if (typeof given === 'function') throw new Unreadable()
        parts.push(`param#${encoder ? idOf(encoder as object) : 0}`)
        // A value a function returned is the key's own: the function may close over it.
        if (inFunction) parts.push(given instanceof Date ? `date:${given.toISOString()}` : JSON.stringify(given) ?? 'undefined')
        else {
          parts.push(`slot${slots.length}`)
          slots.push(value as Param)
        }
      } else if (kind === SQL[entityKind]) {
        // Drizzle keeps these private in its types.
        const statement = value as unknown as { shouldInlineParams?: boolean; decoder?: object; queryChunks: unknown[] }
        if (statement.shouldInlineParams) throw new Unreadable()
        parts.push(`sql#${statement.decoder ? idOf(statement.decoder) : 0}(`)
        for (const chunk of statement.queryChunks) read(chunk, inFunction)
        parts.push(')')
      } else if (kind === SQL.Aliased[entityKind]) {
        const aliased = value as SQL.Aliased
        parts.push(`as:${JSON.stringify(aliased.fieldAlias)}:${String((aliased as { isSelectionField?: boolean }).isSelectionField)}(`)
        read(aliased.sql, inFunction)
        parts.push(')')
      } else if (kind === StringChunk[entityKind]) parts.push(`str:${JSON.stringify((value as StringChunk).value)}`)
      else if (kind === Name[entityKind]) parts.push(`name:${JSON.stringify((value as Name).value)}`)
      else if (kind && (is(value, Column) || is(value, Table))) parts.push(`ref#${idOf(value)}`)
      else if (kind === Placeholder[entityKind]) throw new Unreadable()
      else if (STAND_IN_CALL in value) {
        parts.push(`op:${(value as Record<symbol, string>)[STAND_IN_CALL]}(`)
        read((value as unknown as { args: unknown }).args, inFunction)
        parts.push(')')
      } else {
        const prototype = Object.getPrototypeOf(value)
        // Plain config objects only; any other class (a subquery, a query builder) is Drizzle's to build.
        if (prototype !== Object.prototype && prototype !== null) throw new Unreadable()
        parts.push('{')
        for (const [name, entry] of Object.entries(value)) {
          parts.push(JSON.stringify(name))
          read(entry, inFunction)
        }
        parts.push('}')
      }
    } finally {
      seen.delete(value)
    }
  }
  read(config, false)
  return { key: parts.join(' '), slots }
}

const SLOT = '__careline_slot_'
const SEEN_ONCE = Symbol('seen once')

/** A slot's value as Drizzle would bind it; undefined when its encoder answers SQL (then Drizzle builds the read). */
function bound(param: Param): { value: unknown } | undefined {
  const { value, encoder } = param as Param & { encoder: { mapToDriverValue(value: unknown): unknown } }
  const mapped = value === null ? null : encoder.mapToDriverValue(value)
  return is(mapped, SQL) ? undefined : { value: mapped }
}

function filled(kept: Kept, slots: Param[]): unknown[] | undefined {
  const values: unknown[] = []
  for (const slot of slots) {
    const value = bound(slot)
    if (!value) return undefined
    values.push(value.value)
  }
  return kept.params.map((param) => ('slot' in param ? values[param.slot] : param.built))
}

const sameParams = (a: unknown[], b: unknown[]) => a.length === b.length && a.every((value, i) => value === b[i] || (value instanceof Date && b[i] instanceof Date && value.getTime() === (b[i] as Date).getTime()))

/**
 * The shape of a read Drizzle has just built: built again with placeholders in its slots (the
 * slots' values put back after, whatever happens), and kept only if, filled with this read's
 * values, it is what Drizzle built. Null: the shape is always built by Drizzle.
 */
function keptShape(query: RelationalQuery, build: () => unknown, slots: Param[], built: Built): Kept | null {
  const values = slots.map((slot) => slot.value)
  let template: Built['builtQuery']
  let params: Kept['params']
  try {
    slots.forEach((slot, i) => ((slot as { value: unknown }).value = new Placeholder(`${SLOT}${i}`)))
    template = (build.call(query) as Built).builtQuery
    // Read while the slots still hold their placeholders: Drizzle lists the slot's Param itself.
    params = template.params.map((param) => {
      const placeholder = is(param, Param) ? (param as Param).value : undefined
      return is(placeholder, Placeholder) ? { slot: Number((placeholder as Placeholder).name.slice(SLOT.length)) } : { built: param }
    })
  } catch {
    return null
  } finally {
    slots.forEach((slot, i) => ((slot as { value: unknown }).value = values[i]))
  }
  const entry: Kept = { query: built.query, sql: template.sql, params, typings: built.builtQuery.typings }
  const check = template.sql === built.builtQuery.sql ? filled(entry, slots) : undefined
  return check && sameParams(check, built.builtQuery.params) ? entry : null
}

export function memoizeRelationalQueries(payload: Payload): void {
  const Query = drizzleRelationalQueryClass(payload)
  if (!Query) return
  const patched = Query.prototype as RelationalQuery & { __carelineMemo?: boolean }
  if (patched.__carelineMemo) return
  const build = Query.prototype._toSQL
  /** Per shape: kept, null (always built by Drizzle), or SEEN_ONCE (built again, and kept, if read again). */
  const kept = new Map<string, Kept | null | typeof SEEN_ONCE>()
  Query.prototype._toSQL = function (this: RelationalQuery) {
    let read: { key: string; slots: Param[] }
    try {
      read = keyOf(this.tableConfig, this.config)
    } catch {
      // Unreadable, or anything else the reading met: Drizzle builds the read as it would have.
      return build.call(this)
    }
    const known = kept.get(read.key)
    if (known === null) return build.call(this)
    if (known && known !== SEEN_ONCE) {
      const params = filled(known, read.slots)
      if (params) {
        // Most recently used last: the first entry is the one to drop.
        kept.delete(read.key)
        kept.set(read.key, known)
        return { query: known.query, builtQuery: { sql: known.sql, params, typings: known.typings } }
      }
      return build.call(this)
    }
    // A shape read for the first time is only noted (a value that varies, say a list of ids
    // of its own length, makes a shape that may never come back); read again, it is built with
    // placeholders too, and kept.
    const built = build.call(this) as Built
    kept.delete(read.key)
    kept.set(read.key, known === SEEN_ONCE ? keptShape(this, build, read.slots, built) : SEEN_ONCE)
    if (kept.size > KEPT_SHAPES) kept.delete(kept.keys().next().value!)
    return built
  }
  patched.__carelineMemo = true
}
