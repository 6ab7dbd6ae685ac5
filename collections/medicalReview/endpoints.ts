import type { Endpoint, PayloadHandler } from 'payload'

import { REVIEW_ACTIONS, REVIEW_STAGES } from './rules'
import { refuse } from './refusals'
import { applyReviewTransition, REVIEWED_COLLECTIONS, type ReviewedCollection, reviewStatus } from './transition'

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
  const { action, comment, reviewer, publishAt, ...unknown } = body as Record<string, unknown>
  const extra = Object.keys(unknown)
  if (extra.length) refuse('bad-request', `Unknown field${extra.length > 1 ? 's' : ''}: ${extra.join(', ')}. Send action, comment, reviewer and publishAt only.`, 400)
  const status = await applyReviewTransition({ req, collection, id: req.routeParams!.id as string, action, comment, reviewer, publishAt })
  return Response.json(status, { headers: { 'Cache-Control': 'private, no-store' } })
}

// OpenAPI descriptions (src/contracts/openapi.ts places them at /api/<collection>/{id}/review).
const idSchema = { type: ['number', 'string'] }
const stageSchema = { type: 'string', enum: [...REVIEW_STAGES] }
const actionSchema = { type: 'string', enum: [...REVIEW_ACTIONS] }
const errors = (codes: Record<string, string>) =>
  Object.fromEntries(Object.entries(codes).map(([code, description]) => [code, { $ref: '#/components/responses/Error', description }]))

const bundleMemberSchema = {
  type: 'object',
  required: ['collection', 'id', 'title', 'stage', 'isLive'],
  properties: { collection: { type: 'string', enum: [...REVIEWED_COLLECTIONS] }, id: idSchema, title: { type: 'string' }, stage: stageSchema, isLive: { type: 'boolean' } },
}

/** What `reviewStatus` answers. */
const reviewStatusSchema = {
  title: 'ReviewStatus',
  type: 'object',
  required: ['collection', 'id', 'stage', 'isLive', 'revision', 'assignedReviewer', 'approval', 'reviewedBy', 'lastReviewedAt', 'nextReviewDue', 'reviewOverdue', 'allowedActions', 'bundle', 'history'],
  properties: {
    collection: { type: 'string', enum: [...REVIEWED_COLLECTIONS] },
    id: idSchema,
    stage: stageSchema,
    isLive: { type: 'boolean', description: 'Whether a published version is what the public reads.' },
    revision: { type: 'integer', description: 'Counts content changes; an approval names the revision it covers.' },
    assignedReviewer: { type: ['number', 'string', 'null'], description: 'The user id of the reviewer it is assigned to; null: any reviewer.' },
    approval: {
      oneOf: [
        { type: 'object', required: ['by', 'at', 'revision'], properties: { by: idSchema, at: { type: 'string' }, revision: { type: 'integer' } } },
        { type: 'null' },
      ],
    },
    reviewedBy: {
      oneOf: [{ type: 'object', properties: { name: { type: ['string', 'null'] }, credentials: { type: ['string', 'null'] } } }, { type: 'null' }],
      description: 'The public trust signal: who last approved it.',
    },
    lastReviewedAt: { type: ['string', 'null'] },
    nextReviewDue: { type: ['string', 'null'] },
    reviewOverdue: { type: 'boolean' },
    allowedActions: { type: 'array', items: actionSchema, description: 'What the caller may do next.' },
    bundle: {
      type: 'object',
      description: 'The linked records reviewed and published with the document. Before submission: what a submission would take along.',
      required: ['submitted', 'members', 'blocked'],
      properties: {
        submitted: { type: 'boolean' },
        members: { type: 'array', items: bundleMemberSchema },
        blocked: { type: 'array', items: bundleMemberSchema, description: 'Linked records that cannot be published with it (archived or deleted).' },
      },
    },
    history: {
      type: 'array',
      description: 'Review events, newest first (up to 100).',
      items: {
        type: 'object',
        required: ['id', 'at', 'action', 'from', 'to', 'revision', 'version', 'comment', 'actor'],
        properties: {
          id: idSchema,
          at: { type: 'string', format: 'date-time' },
          action: { type: 'string', enum: [...REVIEW_ACTIONS, 'edit'] },
          from: stageSchema,
          to: stageSchema,
          revision: { type: 'integer' },
          version: { type: ['string', 'null'], description: 'The version the action saved.' },
          comment: { type: ['string', 'null'] },
          actor: {
            oneOf: [{ type: 'object', required: ['id'], properties: { id: idSchema, name: { type: ['string', 'null'] } } }, { type: 'null' }],
            description: 'Null for the system (a scheduled publish).',
          },
        },
      },
    },
  },
}
const statusResponse = (description: string) => ({
  description,
  headers: { 'Cache-Control': { schema: { type: 'string', const: 'private, no-store' } } },
  content: { 'application/json': { schema: reviewStatusSchema } },
})

const readReviewDoc = {
  operationId: 'readReview',
  summary: 'Review status',
  description: 'The stage, what the caller may do next, and the review history. Staff only.',
  responses: {
    '200': statusResponse('Where the document stands.'),
    ...errors({ '401': 'Not signed in. [rule: signed-in]', '403': 'Not allowed for this caller.', '404': 'No such document, or not one the caller may see.' }),
  },
}

const takeReviewActionDoc = {
  operationId: 'takeReviewAction',
  summary: 'Take a review action',
  description:
    'Submit for review, approve, request changes, publish, unpublish or archive. Refusals name the rule they apply, e.g. `... [rule: four-eyes]`, also in `errors[0].data.rule`.',
  requestBody: {
    required: true,
    content: {
      'application/json': {
        schema: {
          type: 'object',
          required: ['action'],
          additionalProperties: false,
          properties: {
            action: actionSchema,
            comment: { type: 'string', description: 'Required for `request_changes`; recorded in the history.' },
            reviewer: { type: ['number', 'string'], description: 'For `submit`: the user id of the reviewer asked to review; empty leaves it to the pool.' },
            publishAt: { type: 'string', format: 'date-time', description: 'For `publish`: publish at this time instead of now. The rules are checked now and again when it fires.' },
          },
        },
      },
    },
  },
  responses: {
    '200': statusResponse('Done: where the document stands now.'),
    ...errors({
      '400': 'Malformed body, unknown action or field, missing comment, or not a reviewer. [rule: bad-request, unknown-action, comment-required, reviewer-must-be-reviewer, ...]',
      '401': 'Not signed in. [rule: signed-in]',
      '403': 'Not yours to do: role, four-eyes, or assigned to another reviewer. [rule: reviewer-role, four-eyes, assigned-reviewer]',
      '404': 'No such document.',
      '409': 'Not possible at this stage, the approval does not cover the current revision, or it links to records that are not published. [rule: stage, approval-bound-to-version, four-eyes, unpublished-links]',
    }),
  },
}

export const reviewEndpoints = (collection: ReviewedCollection): Endpoint[] => [
  { path: '/:id/review', method: 'get', handler: readReview(collection), custom: { openapi: readReviewDoc } },
  { path: '/:id/review', method: 'post', handler: takeReviewAction(collection), custom: { openapi: takeReviewActionDoc } },
]
