/**
 * The front-end queries over GraphQL, with the same arguments and answers as REST:
 * `conditionPage`, `nearbyLocations`, `search` and `conditionsBySymptoms`. Records are returned
 * as Payload's own types (Condition, Symptom, Treatment, Location), so clients select fields and
 * Payload populates relations with the caller's access.
 */
import { GraphQLJSON } from '@payloadcms/graphql/types'
import type { GraphQLExtension, PayloadRequest, TypedLocale } from 'payload'

import { idOf } from '../../collections/fields/relationships'
import { BadQuery } from '../errors'
import { DEFAULT_RADIUS_KM, findNearbyLocations, MAX_PAGE_SIZE, MAX_RADIUS_KM } from '../geo'
import type { Condition } from '../payload-types'
import { MAX_CANDIDATES, searchContent } from '../search/query'
import { findCondition, groupSymptoms, groupTreatments, loadConditionPage, reviewMetadataOf } from './conditionPage'
import { searchText, searchTypes } from './endpoints'
import { numberParam, requestedLocale, requiredNumber, stringParam } from './params'
import { conditionsBySymptoms } from './symptomLookup'

type GraphQL = Parameters<GraphQLExtension>[0]
type Context = Parameters<GraphQLExtension>[1]
type Args = Record<string, any>

const requestOf = (context: unknown) => (context as { req: PayloadRequest }).req

/** Full records (depth 0) by id, in the order given, leaving out what the caller may not read. */
async function recordsByIds(req: PayloadRequest, collection: 'symptoms' | 'treatments', ids: (number | string)[], locale?: TypedLocale) {
  if (!ids.length) return new Map<string, Record<string, any>>()
  const { docs } = await req.payload.find({ collection, where: { id: { in: ids } }, depth: 0, pagination: false, locale, req, overrideAccess: false })
  return new Map(docs.map((doc) => [String(doc.id), doc as Record<string, any>]))
}

export function frontEndQueries(GraphQL: GraphQL, context: Context) {
  const { GraphQLBoolean, GraphQLFloat, GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLString } = GraphQL
  const typeOf = (slug: string) => context.collections[slug].graphQL!.type
  const list = (type: any) => new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(type)))
  const paginated = {
    totalDocs: { type: new GraphQLNonNull(GraphQLInt) },
    page: { type: new GraphQLNonNull(GraphQLInt) },
    limit: { type: new GraphQLNonNull(GraphQLInt) },
    totalPages: { type: new GraphQLNonNull(GraphQLInt) },
    hasNextPage: { type: new GraphQLNonNull(GraphQLBoolean) },
    hasPrevPage: { type: new GraphQLNonNull(GraphQLBoolean) },
  }

  const symptomGroup = new GraphQLObjectType({
    name: 'ConditionSymptomGroup',
    fields: { group: { type: new GraphQLNonNull(GraphQLString) }, label: { type: new GraphQLNonNull(GraphQLString) }, symptoms: { type: list(typeOf('symptoms')) } },
  })
  const treatmentKind = new GraphQLObjectType({
    name: 'ConditionTreatmentKind',
    fields: { kind: { type: new GraphQLNonNull(GraphQLString) }, label: { type: new GraphQLNonNull(GraphQLString) }, treatments: { type: list(typeOf('treatments')) } },
  })
  const treatmentGroup = new GraphQLObjectType({
    name: 'ConditionTreatmentGroup',
    fields: { invasiveness: { type: new GraphQLNonNull(GraphQLString) }, label: { type: new GraphQLNonNull(GraphQLString) }, kinds: { type: list(treatmentKind) } },
  })
  const reviewer = new GraphQLObjectType({ name: 'ConditionPageReviewer', fields: { name: { type: GraphQLString }, credentials: { type: GraphQLString } } })
  const review = new GraphQLObjectType({
    name: 'ConditionPageReview',
    fields: {
      reviewedBy: { type: reviewer },
      lastReviewedAt: { type: GraphQLString },
      nextReviewDue: { type: GraphQLString },
      reviewOverdue: { type: new GraphQLNonNull(GraphQLBoolean) },
    },
  })
  interface PageSource {
    condition: Condition
    locale?: TypedLocale
  }
  const conditionPage = new GraphQLObjectType<PageSource>({
    name: 'ConditionPage',
    fields: {
      condition: { type: new GraphQLNonNull(typeOf('conditions')) },
      symptomGroups: {
        type: list(symptomGroup),
        resolve: async ({ condition, locale }, _args, ctx) => {
          const rows = condition.symptoms ?? []
          const records = await recordsByIds(requestOf(ctx), 'symptoms', rows.map((row) => String(idOf(row.symptom))), locale)
          return groupSymptoms(rows.map((row) => ({ group: row.group, symptom: records.get(String(idOf(row.symptom))) ?? null })))
        },
      },
      treatmentGroups: {
        type: list(treatmentGroup),
        resolve: async ({ condition, locale }, _args, ctx) => {
          const records = await recordsByIds(requestOf(ctx), 'treatments', (condition.treatments ?? []).map((treatment) => String(idOf(treatment))), locale)
          return groupTreatments([...records.values()].map((doc) => ({ value: doc, kind: doc.kind, invasiveness: doc.invasiveness })))
        },
      },
      review: { type: new GraphQLNonNull(review), resolve: ({ condition }) => reviewMetadataOf(condition) },
      jsonLd: {
        type: GraphQLJSON,
        description: 'schema.org MedicalWebPage about the MedicalCondition.',
        resolve: async ({ condition, locale }, _args, ctx) =>
          (await loadConditionPage(requestOf(ctx), { slug: String(condition.slug), locale, depth: 1 }))?.jsonLd ?? null,
      },
    },
  })

  const nearbyLocation = new GraphQLObjectType({
    name: 'NearbyLocation',
    fields: {
      distanceKm: { type: new GraphQLNonNull(GraphQLFloat) },
      distanceMiles: { type: new GraphQLNonNull(GraphQLFloat) },
      location: { type: new GraphQLNonNull(typeOf('locations')) },
    },
  })
  const nearbyLocations = new GraphQLObjectType({ name: 'NearbyLocations', fields: { docs: { type: list(nearbyLocation) }, radiusKm: { type: new GraphQLNonNull(GraphQLFloat) }, ...paginated } })

  const searchHit = new GraphQLObjectType({
    name: 'SearchHit',
    fields: {
      collection: { type: new GraphQLNonNull(GraphQLString) },
      id: { type: new GraphQLNonNull(GraphQLString) },
      name: { type: new GraphQLNonNull(GraphQLString) },
      slug: { type: new GraphQLNonNull(GraphQLString) },
      summary: { type: GraphQLString },
      score: { type: new GraphQLNonNull(GraphQLFloat) },
      matchedIn: { type: new GraphQLNonNull(GraphQLString) },
    },
  })
  const searchResults = new GraphQLObjectType({ name: 'SearchResults', fields: { q: { type: new GraphQLNonNull(GraphQLString) }, correctedQuery: { type: GraphQLString }, docs: { type: list(searchHit) }, ...paginated } })

  const conditionMatch = new GraphQLObjectType({
    name: 'ConditionSymptomMatch',
    fields: {
      condition: { type: new GraphQLNonNull(typeOf('conditions')) },
      matchCount: { type: new GraphQLNonNull(GraphQLInt) },
      matchedSymptoms: { type: list(GraphQLString) },
    },
  })
  const conditionMatches = new GraphQLObjectType({ name: 'ConditionSymptomMatches', fields: { docs: { type: list(conditionMatch) }, unknownSymptoms: { type: list(GraphQLString) }, ...paginated } })

  const pageArgs = { page: { type: GraphQLInt }, limit: { type: GraphQLInt }, locale: { type: GraphQLString } }
  const int = (name: string, value: unknown, max: number, fallback: number) => numberParam(name, value, { min: 1, max, integer: true }) ?? fallback

  return {
    conditionPage: {
      type: conditionPage,
      description: 'A published condition by slug, with grouped symptoms and treatments, review metadata and JSON-LD. Null when there is none.',
      args: { slug: { type: new GraphQLNonNull(GraphQLString) }, locale: { type: GraphQLString }, draft: { type: GraphQLBoolean } },
      resolve: async (_: unknown, args: Args, ctx: unknown) => {
        const req = requestOf(ctx)
        const locale = requestedLocale(req, args.locale)
        const condition = await findCondition(req, { slug: args.slug, locale, depth: 0, draft: Boolean(args.draft) })
        return condition ? { condition, locale } : null
      },
    },
    nearbyLocations: {
      type: new GraphQLNonNull(nearbyLocations),
      description: 'Published care locations within radiusKm of (lat, lng), nearest first, with distances in km and miles.',
      args: {
        lat: { type: new GraphQLNonNull(GraphQLFloat) },
        lng: { type: new GraphQLNonNull(GraphQLFloat) },
        radiusKm: { type: GraphQLFloat },
        condition: { type: GraphQLString },
        treatment: { type: GraphQLString },
        specialty: { type: GraphQLString },
        acceptingNewPatients: { type: GraphQLBoolean },
        ...pageArgs,
      },
      resolve: async (_: unknown, args: Args, ctx: unknown) => {
        const req = requestOf(ctx)
        return findNearbyLocations(req, {
          lat: requiredNumber('lat', args.lat, { min: -90, max: 90 }),
          lng: requiredNumber('lng', args.lng, { min: -180, max: 180 }),
          radiusKm: numberParam('radiusKm', args.radiusKm, { min: 0.001, max: MAX_RADIUS_KM }) ?? DEFAULT_RADIUS_KM,
          condition: stringParam('condition', args.condition),
          treatment: stringParam('treatment', args.treatment),
          specialty: stringParam('specialty', args.specialty),
          acceptingNewPatients: args.acceptingNewPatients ?? undefined,
          page: int('page', args.page, 10_000, 1),
          limit: int('limit', args.limit, MAX_PAGE_SIZE, 20),
          locale: requestedLocale(req, args.locale),
          depth: 0,
        })
      },
    },
    search: {
      type: new GraphQLNonNull(searchResults),
      description: 'Ranked search over published conditions, symptoms, treatments and diagnostic tests; typo and accent tolerant.',
      args: { q: { type: new GraphQLNonNull(GraphQLString) }, types: { type: new GraphQLList(new GraphQLNonNull(GraphQLString)) }, ...pageArgs },
      resolve: async (_: unknown, args: Args, ctx: unknown) => {
        const req = requestOf(ctx)
        const limit = int('limit', args.limit, 50, 10)
        return searchContent(req, {
          q: searchText(args.q),
          types: searchTypes(args.types ?? undefined),
          locale: requestedLocale(req, args.locale) ?? 'en',
          page: int('page', args.page, Math.ceil(MAX_CANDIDATES / limit), 1),
          limit,
        })
      },
    },
    conditionsBySymptoms: {
      type: new GraphQLNonNull(conditionMatches),
      description: 'Published conditions that list the given symptoms (slugs or ids), most matches first.',
      args: { symptoms: { type: list(GraphQLString) }, ...pageArgs },
      resolve: async (_: unknown, args: Args, ctx: unknown) => {
        const req = requestOf(ctx)
        if (!Array.isArray(args.symptoms) || args.symptoms.length > 20) throw new BadQuery('Name 1 to 20 symptoms (slugs or ids).')
        return conditionsBySymptoms(req, {
          symptoms: [...new Set((args.symptoms as string[]).map((s) => s.trim()).filter(Boolean))],
          page: int('page', args.page, 10_000, 1),
          limit: int('limit', args.limit, 100, 20),
          locale: requestedLocale(req, args.locale),
        })
      },
    },
  }
}
