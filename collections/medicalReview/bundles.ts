/**
 * Review bundles: a document and the new or changed drafts it links to are reviewed and
 * published together (Contentful and Sanity call these releases).
 * - Submitting a document submits its unpublished linked records with it, as one bundle.
 * - Approving or requesting changes on the document does the same to every member; each member
 *   is still held to its own rules (four-eyes, approval bound to its revision).
 * - Publishing the document publishes every member first, in the same transaction: all or none.
 * - Whatever the channel, a document is never published while it links to a record that is not
 *   published and not in the bundle being published (`[rule: unpublished-links]`).
 * The hooks (`hooks/applyReviewWorkflow.ts`) call these; nothing here decides a rule by itself.
 */
import { APIError, type CollectionSlug, type PayloadRequest, type SanitizedCollectionConfig } from 'payload'

import { Refusal } from '../../src/errors'
import { linkedRecords, type LinkedRecord, partJoins } from './links'
import { type Id, type ReviewActor, type ReviewStage, type TransitionInput, REVIEW_STAGES, WorkflowRefusal } from './rules'
import { docKey, reviewNotesOf } from './requestNotes'

export interface BundleMember {
  collection: string
  id: Id
  title: string
  stage: ReviewStage
  isLive: boolean
}

/** Set only while the workflow records a bundle: the one writer `review-bundles` accepts. */
export const REVIEW_BUNDLE_WRITE = 'writingReviewBundle'

type Doc = Record<string, any>
type RunTransition = (req: PayloadRequest, collection: string, id: Id, input: TransitionInput) => Promise<unknown>

/** Most records one bundle takes; a page with more linked drafts is split by the editor. */
export const MAX_BUNDLE_MEMBERS = 200

/** Stages from which a member is submitted with its document. */
const SUBMITTABLE: ReadonlySet<ReviewStage> = new Set(['draft', 'changes_requested', 'unpublished'])

const reviewedSet = (req: PayloadRequest, reviewed: readonly string[]) => new Set(reviewed.filter((slug) => req.payload.collections[slug as CollectionSlug]))

const configOf = (req: PayloadRequest, collection: string) => req.payload.collections[collection as CollectionSlug].config

const titleOf = (config: SanitizedCollectionConfig, doc: Doc | undefined, id: Id) => {
  let value = doc?.[config.admin?.useAsTitle ?? 'id']
  // Read straight from the database, a localized title holds every locale: take the first given.
  if (value && typeof value === 'object') value = Object.values(value).find((v) => typeof v === 'string' && v)
  return value == null || value === '' ? `#${id}` : String(value)
}

/**
 * Whether each record's main copy is live, and its title, read straight from the records (the
 * system's own check, not a read on anyone's behalf): one query per collection.
 */
async function liveness(req: PayloadRequest, links: LinkedRecord[]) {
  const byCollection = new Map<string, Id[]>()
  for (const link of links) byCollection.set(link.collection, [...(byCollection.get(link.collection) ?? []), link.id])
  const found = new Map<string, { live: boolean; title: string; exists: boolean }>()
  for (const [collection, ids] of byCollection) {
    const config = configOf(req, collection)
    const { docs } = await req.payload.db.find({
      collection: collection as CollectionSlug,
      where: { id: { in: ids } },
      select: { _status: true, [config.admin?.useAsTitle ?? 'id']: true },
      pagination: false,
      limit: 0,
      req,
    })
    const byId = new Map((docs as Doc[]).map((doc) => [String(doc.id), doc]))
    for (const id of ids) {
      const doc = byId.get(String(id))
      found.set(docKey(collection, id), { live: doc?._status === 'published', title: titleOf(config, doc, id), exists: Boolean(doc) })
    }
  }
  return found
}

const describe = (records: { collection: string; id: Id; title: string }[]) =>
  records
    .slice(0, 10)
    .map((r) => `${r.title} (${r.collection} ${r.id})`)
    .join(', ') + (records.length > 10 ? ` and ${records.length - 10} more` : '')

/**
 * Refuses to publish `data` while it links to a record that is neither live nor being published
 * in the same bundle.
 */
export async function refuseUnpublishedLinks(req: PayloadRequest, collection: SanitizedCollectionConfig, data: Doc, reviewed: readonly string[]) {
  const links = linkedRecords(collection.flattenedFields, data, reviewedSet(req, reviewed))
  if (!links.length) return
  const goingLiveTogether = reviewNotesOf(req).goingLiveTogether
  const status = await liveness(req, links)
  const missing = links
    .filter((link) => !goingLiveTogether.has(docKey(link.collection, link.id)) && !status.get(docKey(link.collection, link.id))?.live)
    .map((link) => ({ ...link, title: status.get(docKey(link.collection, link.id))!.title }))
  if (missing.length) {
    throw new WorkflowRefusal(
      'unpublished-links',
      `This links to ${missing.length === 1 ? 'a record that is' : `${missing.length} records that are`} not published: ${describe(missing)}. Submit the document for review so they join its review bundle, publish them first, or remove the links.`,
      409,
    )
  }
}

/**
 * The records a submission takes along: every unpublished or changed record the document links
 * to (and its subtypes), and theirs in turn. `blocked` are links that cannot join (archived or
 * deleted records): the document cannot be published while it links to them.
 */
export async function collectBundle(req: PayloadRequest, root: { collection: string; id: Id; doc: Doc }, reviewed: readonly string[]) {
  const reviewedSlugs = reviewedSet(req, reviewed)
  const members: BundleMember[] = []
  const blocked: BundleMember[] = []
  const seen = new Set([docKey(root.collection, root.id)])
  const next = (collection: string, id: Id, doc: Doc): Promise<LinkedRecord[]> => outgoing(req, collection, id, doc, reviewedSlugs)
  let queue = (await next(root.collection, root.id, root.doc)).filter((link) => !seen.has(docKey(link.collection, link.id)))
  while (queue.length) {
    for (const link of queue) seen.add(docKey(link.collection, link.id))
    const status = await liveness(req, queue)
    const latest = await latestDocs(req, queue)
    const following: LinkedRecord[] = []
    for (const link of queue) {
      const key = docKey(link.collection, link.id)
      const doc = latest.get(key)
      const { live, title, exists } = status.get(key)!
      const stage: ReviewStage = REVIEW_STAGES.includes(doc?.reviewStage) ? doc!.reviewStage : live ? 'published' : 'draft'
      const member = { collection: link.collection, id: link.id, title: doc ? titleOf(configOf(req, link.collection), doc, link.id) : title, stage, isLive: live }
      if (!exists || !doc) {
        blocked.push(member)
        continue
      }
      if (live && stage === 'published') continue
      if (stage === 'archived') {
        blocked.push(member)
        continue
      }
      members.push(member)
      for (const further of await next(link.collection, link.id, doc)) {
        if (!seen.has(docKey(further.collection, further.id))) following.push(further)
      }
    }
    if (members.length > MAX_BUNDLE_MEMBERS) {
      throw new WorkflowRefusal('bundle-too-large', `This document links to more than ${MAX_BUNDLE_MEMBERS} unpublished records; publish some of them on their own first.`, 400)
    }
    const unique = new Map(following.map((link) => [docKey(link.collection, link.id), link]))
    queue = [...unique.values()]
  }
  return { members, blocked }
}

/** A record's links and its parts (subtypes), from its latest content. */
async function outgoing(req: PayloadRequest, collection: string, id: Id, doc: Doc, reviewed: ReadonlySet<string>): Promise<LinkedRecord[]> {
  const config = configOf(req, collection)
  // A part's link back to what it is part of (a subtype's `parent`) is not taken along: the
  // parent's own edits are not the part's to submit. It must still be live to publish the part.
  const links = linkedRecords(config.flattenedFields, doc, reviewed).filter(
    (link) => !partJoins(configOf(req, link.collection).flattenedFields, reviewed).some((join) => join.collection === collection && join.on === link.path),
  )
  for (const join of partJoins(config.flattenedFields, reviewed)) {
    const { docs } = await req.payload.find({
      collection: join.collection as CollectionSlug,
      where: { [join.on]: { equals: id } },
      draft: true,
      depth: 0,
      pagination: false,
      select: { id: true } as never,
      req,
      overrideAccess: false,
    })
    for (const part of docs as Doc[]) links.push({ collection: join.collection, id: part.id })
  }
  return links
}

/** The latest version (draft or live) of each record, read with the caller's access. */
async function latestDocs(req: PayloadRequest, links: LinkedRecord[]) {
  const found = new Map<string, Doc>()
  const byCollection = new Map<string, Id[]>()
  for (const link of links) byCollection.set(link.collection, [...(byCollection.get(link.collection) ?? []), link.id])
  for (const [collection, ids] of byCollection) {
    const { docs } = await req.payload.find({
      collection: collection as CollectionSlug,
      where: { id: { in: ids } },
      draft: true,
      depth: 0,
      pagination: false,
      req,
      overrideAccess: false,
    })
    for (const doc of docs as Doc[]) found.set(docKey(collection, doc.id), doc)
  }
  return found
}

/** The bundle recorded for a document at its last submission, if any. */
export async function bundleOf(req: PayloadRequest, collection: string, id: Id) {
  const { docs } = await req.payload.find({
    collection: 'review-bundles',
    where: { rootKey: { equals: docKey(collection, id) } },
    limit: 1,
    depth: 0,
    req,
    overrideAccess: false,
  })
  const bundle = docs[0]
  // Stored as text (every database's ids fit); given back as the database's own id type.
  const storedId = (stored: string): Id => (req.payload.db.defaultIDType === 'number' ? Number(stored) : stored)
  return bundle ? { id: bundle.id, members: (bundle.members ?? []).map((m) => ({ collection: m.documentCollection as string, id: storedId(m.documentId), title: m.title ?? `#${m.documentId}` })) } : null
}

/** Records the bundle, with the submitter's own access and the workflow's flag (see ReviewBundles). */
async function recordBundle(req: PayloadRequest, root: { collection: string; id: Id; title: string }, members: BundleMember[], submittedBy: Id | null) {
  const existing = await req.payload.find({ collection: 'review-bundles', where: { rootKey: { equals: docKey(root.collection, root.id) } }, limit: 1, depth: 0, req, overrideAccess: false })
  const data = {
    rootKey: docKey(root.collection, root.id),
    rootCollection: root.collection as 'conditions',
    rootId: String(root.id),
    rootTitle: root.title,
    members: members.map((m) => ({ documentCollection: m.collection as 'conditions', documentId: String(m.id), title: m.title })),
    submittedBy: submittedBy as number | null,
  }
  const context = { [REVIEW_BUNDLE_WRITE]: true }
  try {
    if (existing.docs[0]) await req.payload.update({ collection: 'review-bundles', id: existing.docs[0].id, data, req, overrideAccess: false, context, depth: 0 })
    else await req.payload.create({ collection: 'review-bundles', data, req, overrideAccess: false, context, depth: 0 })
  } finally {
    delete req.context[REVIEW_BUNDLE_WRITE]
  }
}

/** Runs one member's transition; a refusal names the member, keeping the rule it broke. */
async function onMember(req: PayloadRequest, member: { collection: string; id: Id; title: string }, input: TransitionInput, run: RunTransition) {
  try {
    await run(req, member.collection, member.id, input)
  } catch (error) {
    if (error instanceof APIError) {
      const rule = (error.data as { rule?: string } | undefined)?.rule
      throw new Refusal(`In this review bundle, ${member.title} (${member.collection} ${member.id}): ${error.message}`, error.status, rule ? { rule } : (error.data ?? undefined))
    }
    throw error
  }
}

/**
 * Carries a document's review action to its bundle, inside the document's own write (and so its
 * transaction). Members' own writes do not cascade further.
 */
export async function cascadeToBundle(
  req: PayloadRequest,
  root: { collection: string; id: Id; title: string; doc: Doc },
  input: TransitionInput,
  actor: ReviewActor | null,
  reviewed: readonly string[],
  run: RunTransition,
) {
  const notes = reviewNotesOf(req)
  if (notes.carryingToBundle) return
  notes.carryingToBundle = true
  try {
    if (input.action === 'submit') {
      const { members, blocked } = await collectBundle(req, root, reviewed)
      if (blocked.length) {
        throw new WorkflowRefusal(
          'unpublished-links',
          `This links to ${blocked.length === 1 ? 'a record that cannot' : `${blocked.length} records that cannot`} be published with it (archived or deleted): ${describe(blocked)}. Remove the links, or restore the records first.`,
          409,
        )
      }
      for (const member of members) {
        if (SUBMITTABLE.has(member.stage)) await onMember(req, member, { action: 'submit', reviewer: input.reviewer ?? null }, run)
      }
      // A document with nothing to take along keeps no bundle (an earlier one is emptied).
      if (members.length || (await bundleOf(req, root.collection, root.id))) await recordBundle(req, root, members, actor?.id ?? null)
      return
    }
    const bundle = await bundleOf(req, root.collection, root.id)
    if (!bundle?.members.length) return
    const latest = await latestDocs(req, bundle.members)
    const stageOf = (member: { collection: string; id: Id }) => latest.get(docKey(member.collection, member.id))?.reviewStage as ReviewStage | undefined
    if (input.action === 'publish') {
      // Members may link to the document or to each other: within this bundle that is no
      // unpublished link, since all of it goes live in this one transaction or none of it does.
      for (const member of bundle.members) notes.goingLiveTogether.add(docKey(member.collection, member.id))
      notes.goingLiveTogether.add(docKey(root.collection, root.id))
      const status = await liveness(req, bundle.members)
      for (const member of bundle.members) {
        if (status.get(docKey(member.collection, member.id))?.live && stageOf(member) === 'published') continue
        await onMember(req, member, { action: 'publish' }, run)
      }
      return
    }
    for (const member of bundle.members) {
      const stage = stageOf(member)
      if (input.action === 'approve' && stage === 'in_review') await onMember(req, member, { action: 'approve' }, run)
      if (input.action === 'request_changes' && (stage === 'in_review' || stage === 'approved')) {
        await onMember(req, member, { action: 'request_changes', comment: input.comment }, run)
      }
    }
  } finally {
    notes.carryingToBundle = false
  }
}

/**
 * What the review panel shows of a document's bundle: before submission, the records a
 * submission would take along (and those that block it); after, the recorded members as they
 * stand now.
 */
export async function bundleStatus(req: PayloadRequest, root: { collection: string; id: Id; doc: Doc; stage: ReviewStage }, reviewed: readonly string[]) {
  if (SUBMITTABLE.has(root.stage) || root.stage === 'archived') return { submitted: false, ...(await collectBundle(req, root, reviewed)) }
  const bundle = await bundleOf(req, root.collection, root.id)
  if (!bundle?.members.length) return { submitted: true, members: [] as BundleMember[], blocked: [] as BundleMember[] }
  const latest = await latestDocs(req, bundle.members)
  const status = await liveness(req, bundle.members)
  const members = bundle.members.map((member): BundleMember => {
    const key = docKey(member.collection, member.id)
    const doc = latest.get(key)
    const live = Boolean(status.get(key)?.live)
    return {
      collection: member.collection,
      id: member.id,
      title: doc ? titleOf(configOf(req, member.collection), doc, member.id) : member.title,
      stage: REVIEW_STAGES.includes(doc?.reviewStage) ? doc!.reviewStage : live ? 'published' : 'draft',
      isLive: live,
    }
  })
  return { submitted: true, members, blocked: [] as BundleMember[] }
}
