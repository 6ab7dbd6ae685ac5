/**
 * Keeps every API replica's cache honest. The source of truth is the publication log, written in
 * the same transaction as each change (src/publication): each replica checks its newest entry
 * every CACHE_SYNC_INTERVAL_MS (default 1 s) and drops its cache when it moved. With REDIS_URL,
 * a committed change is also announced on a Redis channel so the others drop theirs at once;
 * the log check still runs (every 5 s) in case a message is missed while Redis reconnects.
 */
import { randomUUID } from 'node:crypto'

import { Redis } from 'ioredis'
import type { Payload } from 'payload'

import { PUBLICATION_LOG } from '../publication'
import { settings } from '../settings'
import type { ResponseCache } from './store'

export const INVALIDATION_CHANNEL = 'careline:content-changed'

export interface CacheSyncOptions {
  payload: Payload
  cache: ResponseCache
  redisUrl?: string
  intervalMs?: number
}

export interface CacheSync {
  /** Resolves once the first log check and, with Redis, the subscription are done. */
  ready: Promise<void>
  stop(): Promise<void>
}

export function startCacheSync({ payload, cache, redisUrl = settings.redisUrl, intervalMs }: CacheSyncOptions): CacheSync {
  const every = intervalMs ?? settings.cacheSyncIntervalMs ?? (redisUrl ? 5000 : 1000)
  let lastSeen: string | undefined
  let checking = false

  const checkLog = async () => {
    if (checking) return
    checking = true
    try {
      const { docs } = await payload.db.find({ collection: PUBLICATION_LOG, sort: '-createdAt', limit: 1, pagination: false })
      const newest = docs[0] ? `${docs[0].id}` : 'none'
      if (lastSeen !== undefined && newest !== lastSeen) cache.invalidate('publication log moved')
      lastSeen = newest
    } catch (error) {
      payload.logger.debug({ msg: `Cache sync could not read the publication log: ${(error as Error).message}` })
    } finally {
      checking = false
    }
  }
  const timer = setInterval(() => void checkLog(), every)
  timer.unref()

  let publisher: Redis | undefined
  let subscriber: Redis | undefined
  const self = randomUUID()
  const onLocalChange = () => {
    publisher?.publish(INVALIDATION_CHANNEL, self).catch((error: Error) => {
      payload.logger.warn({ msg: `Could not announce a content change on Redis: ${error.message}` })
    })
  }
  const subscribed = (async () => {
    if (!redisUrl) return
    const options = { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false }
    publisher = new Redis(redisUrl, options)
    subscriber = new Redis(redisUrl, { ...options, enableOfflineQueue: true })
    for (const client of [publisher, subscriber]) {
      client.on('error', (error: Error) => payload.logger.warn({ msg: `Redis (cache sync): ${error.message}` }))
    }
    subscriber.on('message', (_channel: string, sender: string) => {
      if (sender !== self) cache.invalidate('change announced on Redis')
    })
    // Messages sent while disconnected are lost: start over after every reconnection.
    subscriber.on('ready', () => cache.invalidate('Redis reconnected'))
    await Promise.all([publisher.connect(), subscriber.connect()])
    await subscriber.subscribe(INVALIDATION_CHANNEL)
    cache.events.on('local-change', onLocalChange)
  })().catch((error: Error) => {
    payload.logger.warn({ msg: `Redis cache sync unavailable (${error.message}); replicas rely on the publication log.` })
  })

  return {
    ready: Promise.all([checkLog(), subscribed]).then(() => undefined),
    async stop() {
      clearInterval(timer)
      cache.events.off('local-change', onLocalChange)
      await Promise.allSettled([publisher?.quit(), subscriber?.quit()])
    },
  }
}
