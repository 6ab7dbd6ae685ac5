import type { Endpoint, PayloadHandler } from 'payload'

import { refuse } from './state'
import { applyReviewTransition, type ReviewedCollection, reviewStatus } from './transition'

const signedIn = (req: Parameters<PayloadHandler>[0]) => {
  if (!req.user) refuse('signed-in', 'Sign in to see or change the review status of a document.', 401)
}

/** `GET /api/<collection>/:id/review`: stage, what the caller may do next, and the history. */
const readReview = (collection: ReviewedCollection): PayloadHandler => async (req) => {
  signedIn(req)
  const status = await reviewStatus({ req, collection, id: req.routeParams!.id as string })
  return Response.json(status, { headers: { 'Cache-Control': 'private, no-store' } })
}

/**
 * `POST /api/<collection>/:id/review` with `{ "action": "submit" | "approve" | "request_changes" |
 * "publish" | "unpublish" | "archive", "comment"?: string, "reviewer"?: id }`.
 */
const takeReviewAction = (collection: ReviewedCollection): PayloadHandler => async (req) => {
  signedIn(req)
  let body: unknown
  try {
    body = await req.json!()
  } catch {
    refuse('bad-request', 'The body is not valid JSON. Send a JSON object such as {"action": "submit", "comment": "..."}.', 400)
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) refuse('bad-request', 'Send a JSON object such as {"action": "submit"}.', 400)
  const { action, comment, reviewer, ...unknown } = body as Record<string, unknown>
  const extra = Object.keys(unknown)
  if (extra.length) refuse('bad-request', `Unknown field${extra.length > 1 ? 's' : ''}: ${extra.join(', ')}. Send action, comment and reviewer only.`, 400)
  const status = await applyReviewTransition({ req, collection, id: req.routeParams!.id as string, action, comment, reviewer })
  return Response.json(status, { headers: { 'Cache-Control': 'private, no-store' } })
}

export const reviewEndpoints = (collection: ReviewedCollection): Endpoint[] => [
  { path: '/:id/review', method: 'get', handler: readReview(collection) },
  { path: '/:id/review', method: 'post', handler: takeReviewAction(collection) },
]
