/**
 * The dashboard's review panel (a server component): what waits for this user's review, where
 * changes were requested on their content, and what is overdue for re-review. Read with the
 * user's own permissions.
 */
import type { Payload, TypedUser } from 'payload'
import React from 'react'

import { REVIEWED_COLLECTIONS } from '../../collections/medicalReview'
import { findDueReviews } from '../jobs/reviewNotifications'

type Row = { collection: string; id: number | string; title: string; note?: string }

/** Latest versions (drafts included) matching `where`, in every clinical collection. */
async function list(payload: Payload, user: TypedUser, where: Record<string, unknown>): Promise<Row[]> {
  const found = await Promise.all(
    REVIEWED_COLLECTIONS.map(async (collection) => {
      const { docs } = await payload.find({
        collection,
        where: where as never,
        draft: true,
        depth: 0,
        limit: 50,
        user,
        overrideAccess: false,
        select: { name: true },
      })
      return (docs as { id: number; name?: string }[]).map((doc) => ({ collection, id: doc.id, title: doc.name ?? String(doc.id) }))
    }),
  )
  return found.flat()
}

/**
 * A review bundle is one item: the document a bundle was submitted with stands for its members,
 * which are left out of the list (each is still reachable from the document's review panel).
 */
async function asBundles(payload: Payload, user: TypedUser, rows: Row[]): Promise<Row[]> {
  if (!rows.length) return rows
  const { docs } = await payload.find({
    collection: 'review-bundles',
    where: { rootKey: { in: rows.map((row) => `${row.collection}:${row.id}`) } },
    depth: 0,
    limit: rows.length,
    user,
    overrideAccess: false,
  })
  const members = new Map<string, number>()
  const inBundle = new Set<string>()
  for (const bundle of docs) {
    members.set(bundle.rootKey, bundle.members?.length ?? 0)
    for (const member of bundle.members ?? []) inBundle.add(`${member.documentCollection}:${member.documentId}`)
  }
  return rows
    .filter((row) => !inBundle.has(`${row.collection}:${row.id}`) || members.has(`${row.collection}:${row.id}`))
    .map((row) => {
      const count = members.get(`${row.collection}:${row.id}`)
      return count ? { ...row, note: `with ${count} linked record${count === 1 ? '' : 's'}` } : row
    })
}

function Section({ title, rows, empty, adminRoute }: { title: string; rows: Row[]; empty: string; adminRoute: string }) {
  return (
    <section style={{ flex: '1 1 16rem' }}>
      <h3 style={{ marginBottom: '0.5rem' }}>
        {title} ({rows.length})
      </h3>
      {rows.length === 0 ? (
        <p style={{ opacity: 0.7 }}>{empty}</p>
      ) : (
        <ul style={{ paddingLeft: '1.2rem' }}>
          {rows.map((row) => (
            <li key={`${row.collection}:${row.id}`}>
              <a href={`${adminRoute}/collections/${row.collection}/${row.id}`}>{row.title}</a> <small>({row.collection}{row.note ? `, ${row.note}` : ''})</small>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

export async function ReviewDashboard({ payload, user }: { payload: Payload; user?: TypedUser | null }) {
  if (!user) return null
  const role = (user as { role?: string }).role
  const isReviewer = role === 'reviewer' || role === 'admin'
  const [waiting, changesRequested, overdue] = await Promise.all([
    isReviewer
      ? list(payload, user, { and: [{ reviewStage: { equals: 'in_review' } }, { or: [{ assignedReviewer: { equals: user.id } }, { assignedReviewer: { exists: false } }] }] }).then((rows) =>
          asBundles(payload, user, rows),
        )
      : Promise.resolve([]),
    list(payload, user, { and: [{ reviewStage: { equals: 'changes_requested' } }, { contributors: { in: [user.id] } }] }).then((rows) => asBundles(payload, user, rows)),
    findDueReviews(payload, { withinDays: 0, user }).then(({ overdue }) =>
      overdue.map((d): Row => ({ collection: d.collection, id: d.id, title: d.title, note: `due ${d.nextReviewDue.slice(0, 10)}` })),
    ),
  ])
  const adminRoute = payload.config.routes.admin
  return (
    <div data-testid="review-dashboard" style={{ display: 'flex', flexWrap: 'wrap', gap: '2rem', marginBottom: '2rem' }}>
      {isReviewer ? <Section title="Waiting for my review" rows={waiting} empty="Nothing is waiting for you." adminRoute={adminRoute} /> : null}
      <Section title="Changes requested on my content" rows={changesRequested} empty="No changes requested." adminRoute={adminRoute} />
      <Section title="Overdue for re-review" rows={overdue} empty="Nothing is overdue." adminRoute={adminRoute} />
    </div>
  )
}
