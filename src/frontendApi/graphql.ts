/**
 * The front-end queries over GraphQL, with the same arguments and answers as REST:
 * `conditionPage`, `nearbyLocations`, `search` and `conditionsBySymptoms`. Records are returned
 * as Payload's own types (Condition, Symptom, Treatment, Location), so clients select fields and
 * Payload populates relations with the caller's access.
 */
import { GraphQLJSON } from '@payloadcms/graphql/types'
import type { FlattenedField, GraphQLExtension, PayloadRequest, TypedLocale } from 'payload'

import { idOf } from '../../collections/fields/relationships'
import { BadQuery } from '../errors'
import { DEFAULT_RADIUS_KM, findNearbyLocations, MAX_PAGE_SIZE, MAX_RADIUS_KM } from '../geo'
import type { Condition } from '../payload-types'
import { MAX_CANDIDATES, searchContent } from '../search/query'
import { deliveryList, MAX_HISTORY, MAX_LIST_LIMIT, PAGE_COLLECTIONS, type PageCollection, pageAsOf, pageHistory, servedPage } from '../publication'
import { findCondition, groupSymptoms, groupTreatments, loadConditionPage, reviewMetadataOf } from './conditionPage'
import { searchText, searchTypes } from './endpoints'
import { asOfParam, letterParam, pageLocale } from './pages'
import { numberParam, requestedLocale, requiredNumber, stringParam } from './params'
import { conditionsBySymptoms } from './symptomLookup'

type GraphQL = Parameters<GraphQLExtension>[0]
type Context = Parameters<GraphQLExtension>[1]
type Args = Record<string, any>

const requestOf = (context: unknown) => (context as { req: PayloadRequest }).req

type Doc = Record<string, any>

/**
 * Marks for the delivery path of the page queries (src/http/servedGraphQL.ts), which executes a
 * page query against the stored page itself: STORED_PAGE on a page query (the collection whose
 * page it reads), SERVED_AS_STORED on a page type's field whose resolver, given the stored page,
 * answers the stored value unchanged, and `whenAbsent` when the page has no such key (none: the
 * resolver computes something else then).
 */
export const STORED_PAGE = 'storedPage'
export const SERVED_AS_STORED = 'servedAsStored'
const servedAsStored = (...whenAbsent: [unknown?]) => ({ [SERVED_AS_STORED]: whenAbsent.length ? { whenAbsent: whenAbsent[0] } : {} })

/**
 * A record from a stored page in the shape Payload's GraphQL types resolve: relationship values
 * as ids (Payload's resolvers load what the query selects, with the caller's access), the rest
 * as stored. Scalar fields, the HTML and the page's own groups come from the snapshot alone.
 */
function asGraphQLSource(req: PayloadRequest, collection: string, doc: Doc | null | undefined): Doc | null {
  if (!doc || typeof doc !== 'object') return null
  const collectionConfig = req.payload.collections[collection as PageCollection]?.config
  if (!collectionConfig) return doc
  const walk = (fields: FlattenedField[], value: Doc): Doc => {
    const out: Doc = { ...value }
    for (const field of fields) {
      const item = value[field.name]
      if (item == null) continue
      if (field.type === 'relationship' || field.type === 'upload') {
        const toId = (v: unknown) => (Array.isArray(field.relationTo) ? { relationTo: (v as Doc).relationTo, value: idOf((v as Doc).value) } : idOf(v))
        out[field.name] = Array.isArray(item) ? item.map(toId) : toId(item)
      } else if (field.type === 'array' && Array.isArray(item)) {
        out[field.name] = item.map((row: Doc) => walk(field.flattenedFields, row))
      } else if (field.type === 'group' && 'flattenedFields' in field && typeof item === 'object') {
        out[field.name] = walk(field.flattenedFields, item as Doc)
      }
    }
    return out
  }
  return walk(collectionConfig.flattenedFields, doc)
}

/** Full records (depth 0) by id, in the order given, leaving out what the caller may not read. */
async function recordsByIds(req: PayloadRequest, collection: 'symptoms' | 'treatments', ids: (number | string)[], locale?: TypedLocale) {
  if (!ids.length) return new Map<string, Record<string, any>>()
  const { docs } = await req.payload.find({ collection, where: { id: { in: ids } }, depth: 0, pagination: false, locale, req, overrideAccess: false })
  return new Map(docs.map((doc) => [String(doc.id), doc as Record<string, any>]))
}

export function frontEndQueries(GraphQL: GraphQL, context: Context) {
  const { GraphQLBoolean, GraphQLEnumType, GraphQLFloat, GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLString } = GraphQL
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
    /** The stored page, when the page is served from its snapshot (not for drafts). */
    page?: Doc
  }
  const conditionPage = new GraphQLObjectType<PageSource>({
    name: 'ConditionPage',
    fields: {
      condition: { type: new GraphQLNonNull(typeOf('conditions')) },
      symptomGroups: {
        type: list(symptomGroup),
        extensions: servedAsStored([]),
        resolve: async ({ condition, locale, page }, _args, ctx) => {
          if (page) return ((page.symptomGroups ?? []) as Doc[]).map((group) => ({ ...group, symptoms: group.symptoms.map((doc: Doc) => asGraphQLSource(requestOf(ctx), 'symptoms', doc)) }))
          const rows = condition.symptoms ?? []
          const records = await recordsByIds(requestOf(ctx), 'symptoms', rows.map((row) => String(idOf(row.symptom))), locale)
          return groupSymptoms(rows.map((row) => ({ group: row.group, symptom: records.get(String(idOf(row.symptom))) ?? null })))
        },
      },
      treatmentGroups: {
        type: list(treatmentGroup),
        extensions: servedAsStored([]),
        resolve: async ({ condition, locale, page }, _args, ctx) => {
          if (page) {
            return ((page.treatmentGroups ?? []) as Doc[]).map((group) => ({
              ...group,
              kinds: group.kinds.map((kind: Doc) => ({ ...kind, treatments: kind.treatments.map((doc: Doc) => asGraphQLSource(requestOf(ctx), 'treatments', doc)) })),
            }))
          }
          const records = await recordsByIds(requestOf(ctx), 'treatments', (condition.treatments ?? []).map((treatment) => String(idOf(treatment))), locale)
          return groupTreatments([...records.values()].map((doc) => ({ value: doc, kind: doc.kind, invasiveness: doc.invasiveness })))
        },
      },
      review: { type: new GraphQLNonNull(review), extensions: servedAsStored(), resolve: ({ condition, page }) => page?.review ?? reviewMetadataOf(condition) },
      jsonLd: {
        type: GraphQLJSON,
        extensions: servedAsStored(null),
        description: 'schema.org MedicalWebPage about the MedicalCondition.',
        resolve: async ({ condition, locale, page }, _args, ctx) =>
          page ? (page.jsonLd ?? null) : ((await loadConditionPage(requestOf(ctx), { slug: String(condition.slug), locale, depth: 1 }))?.jsonLd ?? null),
      },
    },
  })

  const asOfArg = { type: GraphQLString, description: 'Staff only: the page as the public was served it at this ISO 8601 time.' }
  const storedPage = (req: PayloadRequest, collection: PageCollection, slug: string, locale: TypedLocale, asOf: unknown) => {
    const at = asOfParam(asOf ?? undefined)
    return at ? pageAsOf(req, collection, slug, locale, at) : servedPage(req, collection, slug, locale)
  }
  const pageCollectionEnum = new GraphQLEnumType({
    name: 'PageCollection',
    values: Object.fromEntries(Object.keys(PAGE_COLLECTIONS).map((slug) => [slug.replace(/-/g, '_'), { value: slug }])),
  })
  const approval = new GraphQLObjectType({
    name: 'PageApproval',
    fields: { reviewer: { type: GraphQLString }, credentials: { type: GraphQLString }, approvedAt: { type: GraphQLString } },
  })
  const historyEntry = new GraphQLObjectType({
    name: 'PageHistoryEntry',
    fields: {
      at: { type: new GraphQLNonNull(GraphQLString) },
      event: { type: new GraphQLNonNull(GraphQLString), description: 'publish, unpublish, delete, or rerender (an embedded record changed).' },
      version: { type: GraphQLString },
      approval: { type: approval },
      cause: { type: GraphQLJSON, description: 'For a re-render: the embedded record whose change re-rendered the page ({ collection, id, slug, event }), or { event: "restore", from, backupCreatedAt } when a restore gave every record a new id.' },
    },
  })
  const specialtyCard = new GraphQLObjectType({ name: 'PageCardSpecialty', fields: { name: { type: new GraphQLNonNull(GraphQLString) }, slug: { type: new GraphQLNonNull(GraphQLString) } } })
  const pageCard = new GraphQLObjectType({
    name: 'PageCard',
    fields: {
      id: { type: new GraphQLNonNull(GraphQLString) },
      name: { type: new GraphQLNonNull(GraphQLString) },
      slug: { type: new GraphQLNonNull(GraphQLString) },
      summary: { type: GraphQLString },
      specialties: { type: new GraphQLList(new GraphQLNonNull(specialtyCard)) },
    },
  })
  const pageList = new GraphQLObjectType({
    name: 'PageList',
    fields: { docs: { type: list(pageCard) }, limit: { type: new GraphQLNonNull(GraphQLInt) }, hasMore: { type: new GraphQLNonNull(GraphQLBoolean) }, nextCursor: { type: GraphQLString } },
  })
  // symptomPage, treatmentPage, diagnosticTestPage, locationPage: the record, as published, and its review.
  const recordPageQueries = Object.fromEntries(
    (Object.entries(PAGE_COLLECTIONS) as [PageCollection, string][])
      .filter(([collection]) => collection !== 'conditions')
      .map(([collection, key]) => {
        const typeName = `${key[0].toUpperCase()}${key.slice(1)}Page`
        const type = new GraphQLObjectType<Doc>({
          name: typeName,
          fields: {
            [key]: { type: new GraphQLNonNull(typeOf(collection)) },
            ...(collection === 'locations' ? {} : { review: { type: review } }),
          },
        })
        const query = {
          type,
          extensions: { [STORED_PAGE]: collection },
          description: `A published ${key} by slug, served from the snapshot written when it was published. Null when there is none.`,
          args: { slug: { type: new GraphQLNonNull(GraphQLString) }, locale: { type: GraphQLString }, asOf: asOfArg },
          resolve: async (_: unknown, args: Args, ctx: unknown) => {
            const req = requestOf(ctx)
            const page = await storedPage(req, collection, args.slug, pageLocale(req, args.locale ?? undefined), args.asOf)
            return page ? { ...page, [key]: asGraphQLSource(req, collection, page[key] as Doc) } : null
          },
        }
        return [`${key}Page`, query]
      }),
  )

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
      extensions: { [STORED_PAGE]: 'conditions' },
      description: 'A published condition by slug, with grouped symptoms and treatments, review metadata and JSON-LD. Null when there is none.',
      args: { slug: { type: new GraphQLNonNull(GraphQLString) }, locale: { type: GraphQLString }, draft: { type: GraphQLBoolean }, asOf: asOfArg },
      resolve: async (_: unknown, args: Args, ctx: unknown) => {
        const req = requestOf(ctx)
        if (args.draft) {
          const locale = requestedLocale(req, args.locale)
          const condition = await findCondition(req, { slug: args.slug, locale, depth: 0, draft: true })
          return condition ? { condition, locale } : null
        }
        // The published page: one stored row, as over REST.
        const locale = pageLocale(req, args.locale ?? undefined)
        const page = await storedPage(req, 'conditions', args.slug, locale, args.asOf)
        return page ? { condition: asGraphQLSource(req, 'conditions', page.condition as Doc), locale, page } : null
      },
    },
    ...recordPageQueries,
    pageHistory: {
      type: list(historyEntry),
      description: 'Staff only: when the public copy of a page changed, why, and from which version and approval; newest first.',
      args: { collection: { type: new GraphQLNonNull(pageCollectionEnum) }, slug: { type: new GraphQLNonNull(GraphQLString) }, locale: { type: GraphQLString }, limit: { type: GraphQLInt } },
      resolve: async (_: unknown, args: Args, ctx: unknown) => {
        const req = requestOf(ctx)
        return pageHistory(req, args.collection, args.slug, pageLocale(req, args.locale ?? undefined), int('limit', args.limit, MAX_HISTORY, 50))
      },
    },
    pageList: {
      type: new GraphQLNonNull(pageList),
      description: 'Published pages of one collection in name order, by cursor (no total count): pass nextCursor back as cursor while hasMore is true.',
      args: {
        collection: { type: new GraphQLNonNull(pageCollectionEnum) },
        locale: { type: GraphQLString },
        limit: { type: GraphQLInt },
        cursor: { type: GraphQLString },
        letter: { type: GraphQLString },
        specialty: { type: GraphQLString },
      },
      resolve: async (_: unknown, args: Args, ctx: unknown) => {
        const req = requestOf(ctx)
        return deliveryList(req, {
          collection: args.collection,
          locale: pageLocale(req, args.locale ?? undefined),
          limit: int('limit', args.limit, MAX_LIST_LIMIT, 20),
          cursor: stringParam('cursor', args.cursor ?? undefined, 1000),
          specialty: stringParam('specialty', args.specialty ?? undefined),
          letter: letterParam(args.letter ?? undefined),
        })
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
