/**
 * E-mail for medical review: who is told what, when. Queued as jobs by the workflow (in the same
 * transaction as the action), so a failed send is retried and never undoes the action.
 */
import type { Payload, TaskConfig, TypedUser } from 'payload'

import { REVIEWED_COLLECTIONS } from '../../collections/medicalReview'
import { ACTION_LABELS, STAGE_LABELS, type ReviewAction } from '../../collections/medicalReview/rules'

const adminLink = (payload: Payload, collection: string, id: string | number) =>
  `${payload.config.serverURL || ''}/admin/collections/${collection}/${id}`

const emailsOf = async (payload: Payload, where: Parameters<Payload['find']>[0]['where']) => {
  const { docs } = await payload.find({ collection: 'users', where, limit: 200, depth: 0, pagination: false, select: { email: true } })
  return [...new Set(docs.map((u) => u.email).filter(Boolean))]
}

const idsOf = (values: unknown): (string | number)[] =>
  (Array.isArray(values) ? values : []).map((v) => (typeof v === 'object' && v ? (v as { id: number }).id : (v as number)))

export const notifyReviewEventTask: TaskConfig<{ input: { eventId: string }; output: { recipients: number } }> = {
  slug: 'notifyReviewEvent',
  label: 'E-mail about a medical review action',
  inputSchema: [{ name: 'eventId', type: 'text', required: true }],
  outputSchema: [{ name: 'recipients', type: 'number', required: true }],
  retries: 3,
  handler: async ({ input, req }) => {
    const { payload } = req
    // A system task: it reads what it needs to address the mail, for nobody in particular.
    const event = await payload.findByID({ collection: 'review-events', id: input.eventId, depth: 1 })
    const collection = event.documentCollection
    const document = (await payload.findByID({ collection, id: event.documentId, draft: true, depth: 0 })) as unknown as Record<string, unknown>
    const title = event.documentTitle ?? `${collection} ${event.documentId}`
    const actor = typeof event.actor === 'object' && event.actor ? event.actor.name : 'The system'
    const link = adminLink(payload, collection, event.documentId)
    const action = event.action as ReviewAction

    let to: string[] = []
    let subject = ''
    if (action === 'submit') {
      const assigned = typeof event.assignedReviewer === 'object' ? event.assignedReviewer?.id : event.assignedReviewer
      to = assigned
        ? await emailsOf(payload, { id: { equals: assigned } })
        : await emailsOf(payload, { role: { equals: 'reviewer' } })
      subject = `Waiting for your review: ${title}`
    } else {
      // The people whose content it is: everyone who edited this version, and who submitted it.
      const { docs: submits } = await payload.find({
        collection: 'review-events',
        where: { and: [{ documentCollection: { equals: collection } }, { documentId: { equals: event.documentId } }, { action: { equals: 'submit' } }] },
        sort: '-createdAt',
        limit: 1,
        depth: 0,
      })
      const authors = [...idsOf(document.contributors), ...idsOf(submits.map((s) => s.actor).filter(Boolean))]
      to = authors.length ? await emailsOf(payload, { id: { in: authors } }) : []
      subject = action === 'approve' ? `Approved: ${title}` : `Changes requested: ${title}`
    }
    if (!to.length) return { output: { recipients: 0 } }
    const lines = [
      `${actor}: ${ACTION_LABELS[action] ?? action} (${STAGE_LABELS[event.fromStage]} → ${STAGE_LABELS[event.toStage]}), revision ${event.revision}.`,
      event.comment ? `\nComment:\n${event.comment}\n` : '',
      `Open it: ${link}`,
    ]
    await payload.sendEmail({ to, subject: `[Careline] ${subject}`, text: lines.filter(Boolean).join('\n') })
    return { output: { recipients: to.length } }
  },
}

export interface DueReview {
  collection: string
  id: string
  title: string
  nextReviewDue: string
}

/**
 * Published documents whose medical review is overdue, or due within `withinDays`. With a user,
 * read with that user's access (the dashboard); without, as the system (the daily job).
 */
export async function findDueReviews(payload: Payload, { now = new Date(), withinDays = 30, user }: { now?: Date; withinDays?: number; user?: TypedUser } = {}) {
  const horizon = new Date(now.getTime() + withinDays * 24 * 60 * 60 * 1000)
  const overdue: DueReview[] = []
  const dueSoon: DueReview[] = []
  const found = await Promise.all(
    REVIEWED_COLLECTIONS.map(async (collection) => {
      const { docs } = await payload.find({
        collection,
        where: { and: [{ _status: { equals: 'published' } }, { nextReviewDue: { less_than_equal: horizon.toISOString() } }] },
        sort: 'nextReviewDue',
        depth: 0,
        pagination: false,
        select: { name: true, nextReviewDue: true },
        ...(user ? { user, overrideAccess: false } : {}),
      })
      return { collection, docs: docs as { id: number; name?: string; nextReviewDue?: string | null }[] }
    }),
  )
  for (const { collection, docs } of found) {
    for (const doc of docs) {
      if (!doc.nextReviewDue) continue
      const item = { collection, id: String(doc.id), title: doc.name ?? String(doc.id), nextReviewDue: doc.nextReviewDue }
      ;(new Date(doc.nextReviewDue) < now ? overdue : dueSoon).push(item)
    }
  }
  return { overdue, dueSoon }
}

export const REVIEW_SCHEDULE_QUEUE = 'review-schedule'

/** Daily: lists what is overdue for re-review and what falls due within 30 days, and tells the reviewers. */
export const reviewScheduleTask: TaskConfig<{ input: Record<string, never>; output: { overdue: number; dueSoon: number; report: string } }> = {
  slug: 'reviewScheduleReport',
  label: 'Daily re-review report',
  outputSchema: [
    { name: 'overdue', type: 'number', required: true },
    { name: 'dueSoon', type: 'number', required: true },
    { name: 'report', type: 'textarea', required: true },
  ],
  retries: 2,
  schedule: [{ cron: '0 0 6 * * *', queue: REVIEW_SCHEDULE_QUEUE }],
  handler: async ({ req }) => {
    const { payload } = req
    const { overdue, dueSoon } = await findDueReviews(payload)
    const line = (d: DueReview) => `- ${d.title} (${d.collection}), due ${d.nextReviewDue.slice(0, 10)}: ${adminLink(payload, d.collection, d.id)}`
    const report = [
      `Overdue for re-review (${overdue.length}):`,
      ...overdue.map(line),
      '',
      `Due within 30 days (${dueSoon.length}):`,
      ...dueSoon.map(line),
    ].join('\n')
    payload.logger.info({ msg: 'Re-review report', overdue: overdue.length, dueSoon: dueSoon.length })
    if (overdue.length + dueSoon.length > 0) {
      const to = await emailsOf(payload, { role: { in: ['reviewer', 'admin'] } })
      if (to.length) {
        await payload.sendEmail({ to, subject: `[Careline] Re-review: ${overdue.length} overdue, ${dueSoon.length} due soon`, text: report })
      }
    }
    return { output: { overdue: overdue.length, dueSoon: dueSoon.length, report } }
  },
}
