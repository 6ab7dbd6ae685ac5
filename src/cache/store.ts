/**
 * The in-process store of published API answers. Entries carry the content generation they were
 * computed under; any publication change anywhere moves the generation on, so an answer that
 * might embed the changed document is never served again. (A whole-cache drop is coarse, but
 * publishing is rare next to reading, and it cannot miss an embedded document.)
 */
import { EventEmitter } from 'node:events'

export interface CachedResponse {
  status: number
  headers: [string, string][]
  body: Buffer
  /** The ETag it is sent with; '' for an answer that is not content (never kept); a marker for a POST's answer, which has none (http.ts). */
  etag: string
}

interface Entry extends CachedResponse {
  generation: number
}

export class ResponseCache {
  private entries = new Map<string, Entry>()
  private bytes = 0
  private current = 0
  readonly events = new EventEmitter()
  hits = 0
  misses = 0

  constructor(private readonly maxBytes: number) {}

  /** Read before computing an answer; pass it to `set` so a change in between voids the entry. */
  get generation() {
    return this.current
  }

  get size() {
    return this.entries.size
  }

  get(key: string): CachedResponse | undefined {
    const entry = this.peek(key)
    if (!entry) this.misses++
    return entry
  }

  /** As `get`, but a miss is not counted (the caller goes on to a `get` that counts it). */
  peek(key: string): CachedResponse | undefined {
    const entry = this.entries.get(key)
    if (!entry || entry.generation !== this.current) return undefined
    // Least recently used goes first: re-insert to move to the end.
    this.entries.delete(key)
    this.entries.set(key, entry)
    this.hits++
    return entry
  }

  set(key: string, response: CachedResponse, generation: number): void {
    if (generation !== this.current || response.body.length > this.maxBytes / 8) return
    this.remove(key)
    this.entries.set(key, { ...response, generation })
    this.bytes += response.body.length
    for (const [oldest] of this.entries) {
      if (this.bytes <= this.maxBytes) break
      this.remove(oldest)
    }
  }

  /** Everything cached so far is out of date. */
  invalidate(reason: string): void {
    this.current++
    this.entries.clear()
    this.bytes = 0
    this.events.emit('invalidated', reason)
  }

  private remove(key: string) {
    const entry = this.entries.get(key)
    if (!entry) return
    this.entries.delete(key)
    this.bytes -= entry.body.length
  }
}
