/**
 * WORKAROUND (Payload 3.90.2's PostgreSQL adapter, drizzle-orm 0.45, node-postgres 8.20): every
 * statement is sent unnamed, so PostgreSQL parses and plans it anew each time. Payload's reads
 * are long (a condition by slug at depth 1 is a 5.8 KB select with a subquery per array, locale
 * and relationship table): planning it took 2.5-3.1 ms against about 1 ms to run it
 * (`EXPLAIN (ANALYZE, SUMMARY)` in psql on the 1k bench database); the same statement sent
 * plainly took 1.2-1.7 ms, and prepared 0.35-0.45 ms once PostgreSQL had settled on its plan.
 *
 * So each connection names the reads it sends, and node-postgres parses a named statement once
 * per connection, then only binds and executes it; PostgreSQL keeps its plan (its own
 * `plan_cache_mode` decides between a generic and a custom plan). Only reads (`select`, `with`)
 * are named. A kept statement holds server memory until it is deallocated (about 0.5 MB for the
 * condition read above, from `pg_backend_memory_contexts`), and query shapes are partly chosen by
 * callers (a REST `where`), so each connection keeps its STATEMENTS_PER_CONNECTION most recently
 * used ones and deallocates the oldest.
 *
 * A schema change that alters what a kept statement returns makes PostgreSQL refuse it ("cached
 * plan must not change result type"), once per connection: that statement is then deallocated
 * and parsed again under a new name. Migrations run before the server answers, so this is for a
 * migration applied beside a running server. A pooler in transaction mode (PgBouncer before
 * 1.21) does not keep named statements: use session mode there.
 *
 * How to tell when it can go: Payload's adapter or drizzle names or prepares its statements
 * itself (`NodePgSession.prepareQuery` is handed a name), or `npm run bench -- --database
 * postgres --scenarios rest-by-slug` shows the same figures with `installPostgresStatementNames`
 * taken out of patches.ts.
 */
import type { Payload } from 'payload'

import { postgresClientClass } from './internals'

const STATEMENTS_PER_CONNECTION = 40
const READ = /^\s*(?:select|with)\b/i
/** PostgreSQL's error for a kept statement whose result columns a schema change altered. */
const CHANGED_RESULT_TYPE = /cached plan must not change result type/

type Query = (this: PgClient, config: unknown, values?: unknown, callback?: unknown) => unknown
interface PgClient {
  /** node-postgres's record of the statements this connection has parsed, by name. */
  connection?: { parsedStatements?: Record<string, string> }
}
interface Kept {
  /** Statement text -> its name on this connection, least recently used first. */
  names: Map<string, string>
  /** Names are never reused on a connection, so a deallocation that failed cannot collide. */
  counter: number
}

const perConnection = new WeakMap<PgClient, Kept>()

export function installPostgresStatementNames(payload: Payload): void {
  const db = payload.db as unknown as { name: string; pool?: unknown }
  if (db.name !== 'postgres') return
  const prototype = postgresClientClass(db.pool)?.prototype as (Record<string, unknown> & { __carelineStatementNames?: boolean }) | undefined
  if (!prototype || prototype.__carelineStatementNames) return
  const query = prototype.query as Query
  prototype.query = function (this: PgClient, config: unknown, values?: unknown, callback?: unknown) {
    const text = readText(config)
    if (text === undefined) return query.call(this, config, values, callback)
    const name = nameFor(this, text, query)
    const result = query.call(this, { ...(config as object), name }, values, callback)
    if (!(result instanceof Promise)) return result
    return result.catch((error: unknown) => {
      if (error instanceof Error && CHANGED_RESULT_TYPE.test(error.message)) forget(this, text, query)
      throw error
    })
  } satisfies Query
  prototype.__carelineStatementNames = true
}

/** The text of a read sent without a name (Drizzle's config objects), else undefined. */
function readText(config: unknown): string | undefined {
  if (!config || typeof config !== 'object' || typeof (config as { submit?: unknown }).submit === 'function') return undefined
  const { name, text } = config as { name?: unknown; text?: unknown }
  return !name && typeof text === 'string' && READ.test(text) ? text : undefined
}

function nameFor(client: PgClient, text: string, query: Query): string {
  let kept = perConnection.get(client)
  if (!kept) perConnection.set(client, (kept = { names: new Map(), counter: 0 }))
  const known = kept.names.get(text)
  if (known) {
    kept.names.delete(text)
    kept.names.set(text, known)
    return known
  }
  if (kept.names.size >= STATEMENTS_PER_CONNECTION) forget(client, kept.names.keys().next().value!, query)
  const name = `careline_${++kept.counter}`
  kept.names.set(text, name)
  return name
}

/**
 * Drops a kept statement: queued on its connection before anything sent after, so no later read
 * can use the name. Only a statement the server confirmed parsing is deallocated (a DEALLOCATE of
 * an unknown name would fail, and inside a transaction fail the transaction).
 */
function forget(client: PgClient, text: string, query: Query): void {
  const kept = perConnection.get(client)
  const name = kept?.names.get(text)
  if (!kept || !name) return
  kept.names.delete(text)
  const parsed = client.connection?.parsedStatements
  if (!parsed?.[name]) return
  delete parsed[name]
  void (query.call(client, `DEALLOCATE "${name}"`) as Promise<unknown>).catch(() => undefined)
}
