/**
 * Automatic persisted queries, Apollo's protocol (`extensions.persistedQuery: { version: 1,
 * sha256Hash }`, what Apollo Client's createPersistedQueryLink sends): a client sends the hash of
 * a query the server has seen, so a read fits in a short GET URL that a CDN (and src/cache) can
 * keep. An unknown hash is answered `PersistedQueryNotFound` and the client sends the query with
 * its hash once; the server checks the hash and remembers the query.
 *
 * The store is in-process and bounded (entries, and the size of a query kept): a replica that
 * does not know a hash, or forgot it, only costs the client one more request.
 */
import { createHash } from 'node:crypto'

import { Refusal } from '../errors'

/** Most queries remembered; the least recently used goes first. */
export const MAX_PERSISTED_QUERIES = 2000
/** Longest query remembered (characters); a longer one runs but is not kept. */
export const MAX_PERSISTED_QUERY_CHARS = 20_000

export const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex')

export class PersistedQueryStore {
  private readonly queries = new Map<string, string>()

  constructor(
    private readonly maxEntries = MAX_PERSISTED_QUERIES,
    private readonly maxQueryChars = MAX_PERSISTED_QUERY_CHARS,
  ) {}

  get size() {
    return this.queries.size
  }

  get(hash: string): string | undefined {
    const query = this.queries.get(hash)
    if (query === undefined) return undefined
    this.queries.delete(hash)
    this.queries.set(hash, query)
    return query
  }

  /** Keeps a query whose hash was checked; answers whether it was kept. */
  remember(hash: string, query: string): boolean {
    if (query.length > this.maxQueryChars) return false
    this.queries.delete(hash)
    this.queries.set(hash, query)
    for (const [oldest] of this.queries) {
      if (this.queries.size <= this.maxEntries) break
      this.queries.delete(oldest)
    }
    return true
  }
}

/** The process's store. */
export const persistedQueries = new PersistedQueryStore()

/** Apollo Server's answer to a hash it does not know (status 200, so clients retry with the query). */
export const PERSISTED_QUERY_NOT_FOUND = { errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] }

export type PersistedQuery =
  /** Not a persisted-query request. */
  | { kind: 'none' }
  | { kind: 'refused'; refusal: Refusal }
  | { kind: 'not found' }
  /** The query, from the store (the request carried only its hash). */
  | { kind: 'found'; query: string; hash: string }
  /** The request carried the query with its hash, checked (and kept when it fits). */
  | { kind: 'given'; hash: string }

const HASH = /^[0-9a-f]{64}$/

/**
 * What a request's `extensions` and `query` ask of the store. Called once per request; a query
 * sent with a matching hash is remembered here.
 */
export function resolvePersistedQuery(extensions: unknown, query: unknown, store = persistedQueries): PersistedQuery {
  if (!extensions || typeof extensions !== 'object' || !('persistedQuery' in extensions)) return { kind: 'none' }
  const persisted = (extensions as { persistedQuery: unknown }).persistedQuery
  const { version, sha256Hash } = (persisted && typeof persisted === 'object' ? persisted : {}) as { version?: unknown; sha256Hash?: unknown }
  if (version !== 1) {
    return { kind: 'refused', refusal: new Refusal(`extensions.persistedQuery.version must be 1 (got ${JSON.stringify(version ?? null)}): the automatic persisted queries protocol has no other version.`, 400) }
  }
  if (typeof sha256Hash !== 'string' || !HASH.test(sha256Hash.toLowerCase())) {
    return { kind: 'refused', refusal: new Refusal('extensions.persistedQuery.sha256Hash must be the SHA-256 of the query text, as 64 hexadecimal characters.', 400) }
  }
  const hash = sha256Hash.toLowerCase()
  if (query === undefined || query === null || query === '') {
    const known = store.get(hash)
    return known === undefined ? { kind: 'not found' } : { kind: 'found', query: known, hash }
  }
  if (typeof query !== 'string') return { kind: 'none' } // graphql-http says what is wrong with it
  if (sha256Hex(query) !== hash) {
    return { kind: 'refused', refusal: new Refusal('extensions.persistedQuery.sha256Hash is not the SHA-256 of the query sent with it: hash the exact query text (UTF-8), as hexadecimal.', 400) }
  }
  store.remember(hash, query)
  return { kind: 'given', hash }
}
