import { type CollectionAfterReadHook, type CollectionBeforeOperationHook, type CollectionSlug, createDataloaderCacheKey, type Field, type PayloadRequest } from 'payload'

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
  // a query per linked collection (a quarter of a condition read by slug), and they are loaded as
  // the resolvers will load them (loadedAsTheResolverWill), so the check costs no query of its own.
  if (req.payloadAPI === 'GraphQL') links = links.filter((link) => link.linksItsRow)
  if (links.length === 0) return doc
  const graphQL = req.payloadAPI === 'GraphQL' ? graphQLContextOf(req) : undefined
  const readable = await Promise.all(links.map((link) => (graphQL && link.path ? loadedAsTheResolverWill(req, graphQL, link) : mayRead(req, link.collection, link.id))))
  // Remove from the last, so that earlier positions in the same array stay valid.
  for (let i = links.length - 1; i >= 0; i--) if (!readable[i]) links[i].remove()
  return doc
}

/**
 * A GraphQL read selects (`select`, the default for content, src/http/graphQLSurface.ts) and may
 * ask for an array's rows without their link (`symptoms { group }`); the link must still be read
 * for the check above to drop a row whose record may not be read. The answer is unchanged: GraphQL
 * answers only what the query asks. Top-level arrays, where Careline's rows with a link are.
 */
export const rowLinksReadWithTheirRows: CollectionBeforeOperationHook = ({ args, collection, operation, req }) => {
  if (operation !== 'read' || req.payloadAPI !== 'GraphQL' || hasRole(req.user, ...STAFF_ROLES)) return args
  const select = (args as { select?: Record<string, unknown> }).select
  if (!select || typeof select !== 'object' || Object.values(select).includes(false)) return args
  let widened: Record<string, unknown> | undefined
  for (const field of collection.fields) {
    if (field.type !== 'array') continue
    const rows = select[field.name]
    if (!rows || typeof rows !== 'object') continue
    const links = field.fields.filter((sub) => (sub.type === 'relationship' || sub.type === 'upload') && typeof sub.relationTo === 'string' && !sub.hasMany)
    const unread = links.filter((link) => 'name' in link && (rows as Record<string, unknown>)[link.name] === undefined)
    if (unread.length === 0) continue
    widened ??= { ...select }
    widened[field.name] = { ...(rows as object), ...Object.fromEntries(unread.map((link) => [(link as { name: string }).name, true])) }
  }
  return widened ? { ...args, select: widened } : args
}

interface Link {
  collection: CollectionSlug
  id: Id
  remove(): void
  /** The link is its row's reason to be: the row goes with it. */
  linksItsRow?: boolean
  /** Field names from the document to the link (`['symptoms', 'symptom']`), where known. */
  path?: string[]
}

const GRAPHQL_CONTEXT = 'carelineGraphQLContext'

/**
 * The GraphQL endpoint hands its context (Payload's: `select` is the running query's when it
 * selects) to the hooks through `req.context`, so a link check can load a linked record exactly as
 * Payload's relationship resolver is about to: one query for both, from the request's data loader.
 */
export function shareGraphQLContext(req: PayloadRequest, context: object): void {
  ;(req.context as Record<string, unknown>)[GRAPHQL_CONTEXT] = context
}

const graphQLContextOf = (req: PayloadRequest) => (req.context as Record<string, unknown> | undefined)?.[GRAPHQL_CONTEXT] as { select?: unknown } | undefined

/**
 * Whether the caller may read a row's linked record, by loading it through the request's data
 * loader with the key Payload's GraphQL relationship resolver (@payloadcms/graphql 3.90,
 * fieldToSchemaMap) builds for the same field: the resolver then finds it loaded. A query that
 * selects but does not ask for the link loads only its id. Should the keys ever differ, the
 * answer is the same, at the cost of a query.
 */
async function loadedAsTheResolverWill(req: PayloadRequest, graphQL: { select?: unknown }, link: Link): Promise<boolean> {
  let select: unknown = graphQL.select
  for (const name of link.path!) select = select && typeof select === 'object' ? (select as Record<string, unknown>)[name] : undefined
  if (graphQL.select && (!select || typeof select !== 'object')) select = { id: true }
  const key = createDataloaderCacheKey({
    collectionSlug: link.collection,
    currentDepth: 0,
    depth: 0,
    docID: link.id,
    draft: Boolean(req.query?.draft),
    fallbackLocale: req.fallbackLocale!,
    locale: req.locale!,
    overrideAccess: false,
    select: select as Record<string, never> | undefined,
    showHiddenFields: false,
    transactionID: req.transactionID as number | string,
  })
  try {
    return Boolean(await req.payloadDataLoader.load(key))
  } catch {
    return false
  }
}

const isId = (value: unknown): value is Id => typeof value === 'number' || (typeof value === 'string' && value !== '')

/**
 * The bare-id links in `data` (populated ones were read with access already), by field config.
 * `removeRow` is set inside an array row: a row that links one record ("this symptom, in this
 * group") goes as a whole when that record may not be read, rather than keep a null link.
 */
function collectLinks(fields: Field[], data: Record<string, unknown>, links: Link[], removeRow?: () => void, path: string[] | undefined = []): void {
  for (const field of fields) {
    if (field.type === 'tabs') {
      for (const tab of field.tabs) {
        const named = 'name' in tab && tab.name ? tab.name : undefined
        const nested = named ? data[named] : data
        if (nested && typeof nested === 'object') collectLinks(tab.fields, nested as Record<string, unknown>, links, removeRow, named ? path && [...path, named] : path)
      }
      continue
    }
    if (field.type === 'row' || field.type === 'collapsible') {
      collectLinks(field.fields, data, links, removeRow, path)
      continue
    }
    if (!('name' in field)) continue
    const value = data[field.name]
    if (value == null) continue
    const rowRemover = (rows: unknown[], row: unknown) => () => {
      const at = rows.indexOf(row)
      if (at >= 0) rows.splice(at, 1)
    }
    const here = path && [...path, field.name]
    if (field.type === 'group' && typeof value === 'object') collectLinks(field.fields, value as Record<string, unknown>, links, removeRow, here)
    else if (field.type === 'array' && Array.isArray(value)) for (const row of value) collectLinks(field.fields, row, links, rowRemover(value, row), here)
    else if (field.type === 'blocks' && Array.isArray(value)) {
      // Payload's GraphQL select nests a block's fields under its slug, which the path does not follow.
      for (const row of value) {
        const block = field.blocks.find((b) => b.slug === row?.blockType)
        if (block) collectLinks(block.fields, row, links, rowRemover(value, row), undefined)
      }
    } else if ((field.type === 'relationship' || field.type === 'upload') && typeof field.relationTo === 'string') {
      const relationTo = field.relationTo as CollectionSlug
      if (Array.isArray(value)) {
        value.forEach((item) => {
          if (isId(item)) links.push({ collection: relationTo, id: item, remove: () => value.splice(value.indexOf(item), 1) })
        })
      } else if (isId(value)) {
        links.push({ collection: relationTo, id: value, remove: removeRow ?? (() => (data[field.name] = null)), linksItsRow: Boolean(removeRow), path: here })
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
