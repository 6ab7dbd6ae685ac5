/**
 * Caching of published content, in one place:
 * - `store.ts`: the in-process store of anonymous API answers, keyed by URL;
 * - `http.ts`: which requests may be cached, `ETag` / `Cache-Control` / 304 for every answer;
 * - `sync.ts`: dropping the cache on every replica when content is published, unpublished or
 *   deleted (through the database's publication log, and Redis when `REDIS_URL` is set);
 * - the publication subscriber below, which the config registers with src/publication.
 */
import { runAfterCommit } from '../database'
import type { PublicationSubscriber } from '../publication'
import { settings } from '../settings'
import { ResponseCache } from './store'

let shared: ResponseCache | undefined

/** The process's cache of published answers (CACHE_MAX_MB, default 64; 0 turns it off). */
export function contentCache(): ResponseCache {
  shared ??= new ResponseCache(settings.cacheMaxBytes)
  return shared
}

/**
 * Drops this process's cache once the change has committed: dropped earlier, a concurrent read
 * could refill it from the rows the transaction is about to replace. Other replicas learn of
 * it from the publication log or Redis (sync.ts).
 */
export const invalidateCachedContent: PublicationSubscriber = (change, req) =>
  runAfterCommit(req, () => {
    contentCache().invalidate(`${change.event} ${change.collection}/${change.id}`)
    contentCache().events.emit('local-change', change)
  })

export { ResponseCache } from './store'
