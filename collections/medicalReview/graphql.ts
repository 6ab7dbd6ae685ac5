/**
 * Review actions over GraphQL: `reviewStatus(collection, id)` and `reviewTransition(collection,
 * id, action, comment, reviewer)`, the same engine as the REST endpoint, acting for the caller.
 */
import type { GraphQLExtension, PayloadRequest } from 'payload'

import { ACTION_LABELS, REVIEW_ACTIONS, REVIEW_STAGES } from './rules'
import { refuse } from './refusals'
import { applyReviewTransition, isReviewedCollection, REVIEWED_COLLECTIONS, reviewStatus } from './transition'

type GraphQL = Parameters<GraphQLExtension>[0]

const enumName = (value: string) => value.replace(/-/g, '_')

let cached: ReturnType<typeof buildTypes> | undefined

function buildTypes(GraphQL: GraphQL) {
  const { GraphQLEnumType, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLString, GraphQLBoolean, GraphQLInt } = GraphQL
  const collection = new GraphQLEnumType({
    name: 'ReviewedCollection',
    values: Object.fromEntries(REVIEWED_COLLECTIONS.map((slug) => [enumName(slug), { value: slug }])),
  })
  const action = new GraphQLEnumType({
    name: 'ReviewAction',
    values: Object.fromEntries(REVIEW_ACTIONS.map((a) => [a, { value: a, description: ACTION_LABELS[a] }])),
  })
  const stage = new GraphQLEnumType({ name: 'ReviewStage', values: Object.fromEntries(REVIEW_STAGES.map((s) => [s, { value: s }])) })
  const event = new GraphQLObjectType({
    name: 'ReviewHistoryEvent',
    fields: {
      id: { type: new GraphQLNonNull(GraphQLString), resolve: (e) => String(e.id) },
      at: { type: GraphQLString },
      action: { type: GraphQLString },
      from: { type: stage },
      to: { type: stage },
      revision: { type: GraphQLInt },
      version: { type: GraphQLString },
      comment: { type: GraphQLString },
      actorName: { type: GraphQLString, resolve: (e) => e.actor?.name ?? null },
    },
  })
  const member = new GraphQLObjectType({
    name: 'ReviewStatusBundleMember',
    fields: {
      collection: { type: new GraphQLNonNull(collection) },
      id: { type: new GraphQLNonNull(GraphQLString), resolve: (m) => String(m.id) },
      title: { type: new GraphQLNonNull(GraphQLString) },
      stage: { type: new GraphQLNonNull(stage) },
      isLive: { type: new GraphQLNonNull(GraphQLBoolean) },
    },
  })
  const bundle = new GraphQLObjectType({
    name: 'ReviewStatusBundle',
    description: 'The linked records reviewed and published with a document: before submission, what a submission would take along.',
    fields: {
      submitted: { type: new GraphQLNonNull(GraphQLBoolean) },
      members: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(member))) },
      blocked: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(member))), description: 'Linked records that cannot be published with it (archived or deleted).' },
    },
  })
  const status = new GraphQLObjectType({
    name: 'ReviewStatus',
    fields: {
      collection: { type: new GraphQLNonNull(collection) },
      id: { type: new GraphQLNonNull(GraphQLString), resolve: (s) => String(s.id) },
      stage: { type: new GraphQLNonNull(stage) },
      isLive: { type: new GraphQLNonNull(GraphQLBoolean) },
      revision: { type: new GraphQLNonNull(GraphQLInt) },
      assignedReviewer: { type: GraphQLString, resolve: (s) => (s.assignedReviewer == null ? null : String(s.assignedReviewer)) },
      approvedRevision: { type: GraphQLInt, resolve: (s) => s.approval?.revision ?? null },
      lastReviewedAt: { type: GraphQLString },
      nextReviewDue: { type: GraphQLString },
      reviewOverdue: { type: new GraphQLNonNull(GraphQLBoolean) },
      allowedActions: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(action))) },
      history: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(event))) },
      bundle: { type: new GraphQLNonNull(bundle) },
    },
  })
  return { collection, action, status }
}

const typesFor = (GraphQL: GraphQL) => (cached ??= buildTypes(GraphQL))

const requestOf = (context: unknown) => (context as { req: PayloadRequest }).req

const checkedCollection = (value: unknown) => {
  if (!isReviewedCollection(value)) refuse('bad-request', 'Review actions apply to clinical collections only.', 400)
  return value
}

export const reviewQueries: GraphQLExtension = (GraphQL) => {
  const { collection, status } = typesFor(GraphQL)
  return {
    reviewStatus: {
      type: status,
      description: 'Where a clinical document stands in medical review, what you may do next, and its history. Staff only.',
      args: { collection: { type: new GraphQL.GraphQLNonNull(collection) }, id: { type: new GraphQL.GraphQLNonNull(GraphQL.GraphQLString) } },
      resolve: async (_: unknown, args: { collection: string; id: string }, context: unknown) => {
        const req = requestOf(context)
        if (!req.user) refuse('signed-in', 'Sign in to see the review status of a document.', 401)
        return reviewStatus({ req, collection: checkedCollection(args.collection), id: args.id })
      },
    },
  }
}

export const reviewMutations: GraphQLExtension = (GraphQL) => {
  const { collection, action, status } = typesFor(GraphQL)
  return {
    reviewTransition: {
      type: status,
      description: 'Takes a medical review action (submit, approve, request changes, publish, unpublish, archive) on a clinical document.',
      args: {
        collection: { type: new GraphQL.GraphQLNonNull(collection) },
        id: { type: new GraphQL.GraphQLNonNull(GraphQL.GraphQLString) },
        action: { type: new GraphQL.GraphQLNonNull(action) },
        comment: { type: GraphQL.GraphQLString },
        reviewer: { type: GraphQL.GraphQLString, description: 'For submit: the id of the reviewer asked to review.' },
        publishAt: { type: GraphQL.GraphQLString, description: 'For publish: when to publish (ISO date and time); the rules are checked now and again then.' },
      },
      resolve: async (_: unknown, args: Record<string, unknown>, context: unknown) => {
        const req = requestOf(context)
        if (!req.user) refuse('signed-in', 'Sign in to take review actions.', 401)
        return applyReviewTransition({
          req,
          collection: checkedCollection(args.collection),
          id: args.id as string,
          action: args.action,
          comment: args.comment,
          reviewer: args.reviewer,
          publishAt: args.publishAt,
        })
      },
    },
  }
}
