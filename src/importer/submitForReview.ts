/**
 * Puts what an import wrote in front of a reviewer, as the person who imported it: the condition
 * with the records it links to as one review bundle, to a chosen reviewer or the pool; when the
 * condition itself did not change (it is live as it was), each changed record on its own. Used
 * by the admin's import job and by `npm run seed`.
 */
import { createLocalReq, type Payload } from 'payload'

import { applyReviewTransition, reviewStatus } from '../../collections/medicalReview'
import type { ReviewedCollection } from '../../collections/medicalReview/transition'
import type { ImportReport } from './importDocument'

const SUBMITTABLE = new Set(['draft', 'changes_requested', 'unpublished'])

/** Returns null when submitted (or nothing needed review), else why not; the drafts stay either way. */
export async function submitImportForReview(
  payload: Payload,
  user: Record<string, unknown> & { id: number | string },
  report: Pick<ImportReport, 'condition' | 'records'>,
  reviewer?: number | string | null,
): Promise<string | null> {
  const req = await createLocalReq({ user: { ...user, collection: 'users' } as never }, payload)
  const root = { collection: 'conditions' as ReviewedCollection, id: report.condition.id }
  try {
    const { stage } = await reviewStatus({ req, ...root })
    if (SUBMITTABLE.has(stage)) {
      await applyReviewTransition({ req, ...root, action: 'submit', reviewer: reviewer ?? undefined })
      return null
    }
    for (const record of report.records) {
      const status = await reviewStatus({ req, collection: record.collection, id: record.id })
      if (SUBMITTABLE.has(status.stage)) await applyReviewTransition({ req, collection: record.collection, id: record.id, action: 'submit', reviewer: reviewer ?? undefined })
    }
    return null
  } catch (error) {
    return `Imported as drafts, but not submitted for review: ${(error as Error).message}`
  }
}
