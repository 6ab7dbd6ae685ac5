/**
 * Takes records through medical review as named people: an editor submits, a reviewer approves
 * and publishes. The seed uses it with the demo accounts so the quick start has published
 * content that went through the same rules as everything else (there is no other way to publish);
 * tests use it with their own staff.
 */
import { createLocalReq, type Payload } from 'payload'

import { applyReviewTransition, reviewStatus } from '../collections/medicalReview'
import type { ReviewedCollection } from '../collections/medicalReview/transition'
import type { User } from '../src/payload-types'

export interface ReviewTeam {
  editor: User
  reviewer: User
}

const asUser = (payload: Payload, user: User) => createLocalReq({ user: { ...user, collection: 'users' } }, payload)

/**
 * Submits, approves and publishes each record, from wherever it stands; returns how many went
 * live. A record's review bundle (the unpublished records it links to) goes with it, so a record
 * listed after its page is usually live already.
 */
export async function publishThroughReview(payload: Payload, team: ReviewTeam, records: { collection: ReviewedCollection; id: number | string }[]) {
  let published = 0
  for (const { collection, id } of records) {
    const editorReq = await asUser(payload, team.editor)
    const reviewerReq = await asUser(payload, team.reviewer)
    let { stage, isLive } = await reviewStatus({ req: reviewerReq, collection, id })
    if (isLive && stage === 'published') continue
    if (stage === 'draft' || stage === 'changes_requested' || stage === 'unpublished' || stage === 'archived') {
      ;({ stage } = await applyReviewTransition({ req: editorReq, collection, id, action: 'submit' }))
    }
    if (stage === 'in_review') ({ stage } = await applyReviewTransition({ req: reviewerReq, collection, id, action: 'approve' }))
    if (stage === 'approved') {
      const { bundle } = await applyReviewTransition({ req: reviewerReq, collection, id, action: 'publish' })
      published += 1 + bundle.members.length
    }
  }
  return published
}
