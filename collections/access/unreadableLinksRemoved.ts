import type { CollectionAfterReadHook, CollectionSlug, Field, PayloadRequest } from 'payload'

import { hasRole, STAFF_ROLES } from './roles'

type Id = number | string

/**
 * Payload populates the links a reader may read and leaves the others as bare ids, so a published
 * location could still tell the public "condition 12 exists and links here" after condition 12
 * was unpublished. For callers who do not read everything (the public, API-key readers), a link
 * to a record they may not read is removed from what they get; staff see every link.
 */
export const unreadableLinksRemoved: CollectionAfterReadHook = async ({ collection, doc, overrideAccess, req }) => {
  if (overrideAccess || hasRole(req.user, ...STAFF_ROLES) || !doc) return doc
  let links: Link[] = []
  collectLinks(collection.fields, doc, links)
  // Over GraphQL, Payload's relationship resolvers load each linked record with the caller's
  // access and leave out (or null) what may not be read, so the ids never reach the answer; what
  // they cannot do is drop the row around a link. Checking only those links spares a GraphQL read
  // a query per linked collection (a quarter of a condition read by slug).
  if (req.payloadAPI === 'GraphQL') links = links.filter((link) => link.linksItsRow)
  if (links.length === 0) return doc
  const readable = await Promise.all(links.map((link) => mayRead(req, link.collection, link.id)))
  // Remove from the last, so that earlier positions in the same array stay valid.
  for (let i = links.length - 1; i >= 0; i--) if (!readable[i]) links[i].remove()
  return doc
}

interface Link {
  collection: CollectionSlug
  id: Id
  remove(): void
  /** The link is its row's reason to be: the row goes with it. */
  linksItsRow?: boolean
}

const isId = (value: unknown): value is Id => typeof value === 'number' || (typeof value === 'string' && value !== '')

/**
 * The bare-id links in `data` (populated ones were read with access already), by field config.
 * `removeRow` is set inside an array row: a row that links one record ("this symptom, in this
 * group") goes as a whole when that record may not be read, rather than keep a null link.
 */
function collectLinks(fields: Field[], data: Record<string, unknown>, links: Link[], removeRow?: () => void): void {
  for (const field of fields) {
    if (field.type === 'tabs') {
      for (const tab of field.tabs) {
        const nested = 'name' in tab && tab.name ? data[tab.name] : data
        if (nested && typeof nested === 'object') collectLinks(tab.fields, nested as Record<string, unknown>, links, removeRow)
      }
      continue
    }
    if (field.type === 'row' || field.type === 'collapsible') {
      collectLinks(field.fields, data, links, removeRow)
      continue
    }
    if (!('name' in field)) continue
    const value = data[field.name]
    if (value == null) continue
    const rowRemover = (rows: unknown[], row: unknown) => () => {
      const at = rows.indexOf(row)
      if (at >= 0) rows.splice(at, 1)
    }
    if (field.type === 'group' && typeof value === 'object') collectLinks(field.fields, value as Record<string, unknown>, links, removeRow)
    else if (field.type === 'array' && Array.isArray(value)) for (const row of value) collectLinks(field.fields, row, links, rowRemover(value, row))
    else if (field.type === 'blocks' && Array.isArray(value)) {
      for (const row of value) {
        const block = field.blocks.find((b) => b.slug === row?.blockType)
        if (block) collectLinks(block.fields, row, links, rowRemover(value, row))
      }
    } else if ((field.type === 'relationship' || field.type === 'upload') && typeof field.relationTo === 'string') {
      const relationTo = field.relationTo as CollectionSlug
      if (Array.isArray(value)) {
        value.forEach((item) => {
          if (isId(item)) links.push({ collection: relationTo, id: item, remove: () => value.splice(value.indexOf(item), 1) })
        })
      } else if (isId(value)) {
        links.push({ collection: relationTo, id: value, remove: removeRow ?? (() => (data[field.name] = null)), linksItsRow: Boolean(removeRow) })
      }
    } else if ((field.type === 'relationship' || field.type === 'upload') && Array.isArray(field.relationTo)) {
      const polymorphic = (Array.isArray(value) ? value : [value]) as { relationTo?: CollectionSlug; value?: unknown }[]
      for (const item of polymorphic) {
        if (item?.relationTo && isId(item.value)) {
          const remove = Array.isArray(value) ? () => value.splice(value.indexOf(item), 1) : (removeRow ?? (() => (data[field.name] = null)))
          links.push({ collection: item.relationTo, id: item.value, remove, linksItsRow: !Array.isArray(value) && Boolean(removeRow) })
        }
      }
    }
  }
}

/**
 * Whether the request's caller may read a record, batched: the ids asked for in the same tick
 * (every document of a list runs this hook at once) are checked with one query per collection,
 * through that collection's own read access. Remembered for the rest of the request.
 */
const perRequest = new WeakMap<PayloadRequest, Map<CollectionSlug, Batch>>()

interface Batch {
  known: Map<string, Promise<boolean>>
  waiting: Map<string, (readable: boolean) => void>
  scheduled: boolean
}

function mayRead(req: PayloadRequest, collection: CollectionSlug, id: Id): Promise<boolean> {
  let byCollection = perRequest.get(req)
  if (!byCollection) perRequest.set(req, (byCollection = new Map()))
  let batch = byCollection.get(collection)
  if (!batch) byCollection.set(collection, (batch = { known: new Map(), waiting: new Map(), scheduled: false }))
  const key = String(id)
  const known = batch.known.get(key)
  if (known) return known
  const answer = new Promise<boolean>((resolve) => batch.waiting.set(key, resolve))
  batch.known.set(key, answer)
  if (!batch.scheduled) {
    batch.scheduled = true
    setImmediate(() => void check(req, collection, batch))
  }
  return answer
}

async function check(req: PayloadRequest, collection: CollectionSlug, batch: Batch): Promise<void> {
  const waiting = new Map(batch.waiting)
  batch.waiting.clear()
  batch.scheduled = false
  let readable = new Set<string>()
  try {
    // A collection the caller reads whole (reference data: `anyone`) needs no query.
    const read = req.payload.collections[collection]?.config.access?.read
    if (read && (await read({ req })) === true) {
      for (const resolve of waiting.values()) resolve(true)
      return
    }
    const { docs } = await req.payload.find({
      collection,
      where: { id: { in: [...waiting.keys()] } },
      depth: 0,
      limit: waiting.size,
      pagination: false,
      select: { updatedAt: true },
      overrideAccess: false,
      user: req.user,
      req,
    })
    readable = new Set(docs.map((d) => String(d.id)))
  } catch {
    // Access refused outright (or the check failed): nothing in it counts as readable.
  }
  for (const [key, resolve] of waiting) resolve(readable.has(key))
}
