/**
 * The condition page: one published condition with everything a patient page shows, grouped the
 * way the content groups it. REST and GraphQL both build on `loadConditionPage`; reads go
 * through Payload with the caller's access, so drafts never appear to the public.
 */
import type { PayloadRequest, SelectType, TypedLocale } from 'payload'

import { SYMPTOM_GROUPS } from '../../collections/Conditions'
import { INVASIVENESS, TREATMENT_KINDS } from '../../collections/Treatments'
import type { Condition, Treatment } from '../payload-types'
import { settings } from '../settings'
import { conditionJsonLd } from './jsonLd'

type Id = number | string
type Related<T> = T | Id

export const isDoc = <T extends { id: Id }>(value: Related<T> | null | undefined): value is T =>
  typeof value === 'object' && value !== null

export interface SymptomGroup<S = unknown> {
  group: string
  label: string
  symptoms: S[]
}

export interface TreatmentGroup<T = unknown> {
  invasiveness: string
  label: string
  kinds: { kind: string; label: string; treatments: T[] }[]
}

export interface ReviewMetadata {
  reviewedBy: { name?: string | null; credentials?: string | null } | null
  lastReviewedAt: string | null
  nextReviewDue: string | null
  reviewOverdue: boolean
}

export interface ConditionPage {
  condition: Condition
  symptomGroups?: SymptomGroup[]
  treatmentGroups?: TreatmentGroup[]
  review?: ReviewMetadata
  /** schema.org MedicalWebPage; present when related records are embedded (depth 1 or more). */
  jsonLd?: Record<string, unknown>
}

export interface ConditionPageQuery {
  slug: string
  locale?: TypedLocale
  depth?: number
  select?: SelectType
  draft?: boolean
  /** The public site's address for JSON-LD links; this server's settings by default. */
  siteURL?: string
}

export const MAX_PAGE_DEPTH = 2

/** Rows of `condition.symptoms`, grouped in the editorial order (pain, sensory, motor, other). */
export function groupSymptoms<S>(rows: { symptom?: S | null; group?: string | null }[]): SymptomGroup<S>[] {
  return SYMPTOM_GROUPS.map(({ value, label }) => ({
    group: value,
    label,
    symptoms: rows.filter((row) => (row.group ?? 'other') === value && row.symptom != null).map((row) => row.symptom as S),
  })).filter((group) => group.symptoms.length > 0)
}

/** Treatments grouped nonsurgical/surgical, then by kind, in the order the model lists them. */
export function groupTreatments<T>(items: { value: T; kind?: string | null; invasiveness?: string | null }[]): TreatmentGroup<T>[] {
  return INVASIVENESS.map(({ value: invasiveness, label }) => ({
    invasiveness,
    label,
    kinds: TREATMENT_KINDS.map(({ value: kind, label: kindLabel }) => ({
      kind,
      label: kindLabel,
      treatments: items.filter((t) => (t.invasiveness ?? 'nonsurgical') === invasiveness && t.kind === kind).map((t) => t.value),
    })).filter((group) => group.treatments.length > 0),
  })).filter((group) => group.kinds.length > 0)
}

/** The kind and invasiveness of each treatment, read when the condition holds only their ids. */
async function treatmentFacets(req: PayloadRequest, ids: Id[], locale?: TypedLocale) {
  if (!ids.length) return new Map<Id, Pick<Treatment, 'kind' | 'invasiveness'>>()
  const { docs } = await req.payload.find({
    collection: 'treatments',
    where: { id: { in: ids } },
    select: { kind: true, invasiveness: true },
    depth: 0,
    limit: ids.length,
    pagination: false,
    locale,
    req,
    overrideAccess: false,
  })
  return new Map(docs.map((doc) => [doc.id, doc]))
}

export async function groupTreatmentsOf(req: PayloadRequest, treatments: Condition['treatments'], locale?: TypedLocale) {
  const list = (treatments ?? []).filter((t): t is Treatment | number => t != null)
  const needFacets = list.filter((t) => !isDoc(t)) as Id[]
  const facets = await treatmentFacets(req, needFacets, locale)
  return groupTreatments(
    list.flatMap((t) => {
      const facet = isDoc(t) ? t : facets.get(t)
      // A treatment the caller may not read (unpublished) is left out, not shown as an id.
      return facet ? [{ value: t as unknown, kind: facet.kind, invasiveness: facet.invasiveness }] : []
    }),
  )
}

export const reviewMetadataOf = (condition: Partial<Condition>): ReviewMetadata => ({
  reviewedBy: condition.reviewedBy?.name ? { name: condition.reviewedBy.name, credentials: condition.reviewedBy.credentials ?? null } : null,
  lastReviewedAt: condition.lastReviewedAt ?? null,
  nextReviewDue: condition.nextReviewDue ?? null,
  reviewOverdue: Boolean(condition.reviewOverdue),
})

export async function findCondition(req: PayloadRequest, { slug, locale, depth = 1, select, draft = false }: ConditionPageQuery) {
  const { docs } = await req.payload.find({
    collection: 'conditions',
    where: { slug: { equals: slug } },
    depth,
    select,
    locale,
    draft,
    limit: 1,
    pagination: false,
    req,
    overrideAccess: false,
  })
  return (docs[0] as Condition | undefined) ?? null
}

/** The whole page, or null when there is no published condition with that slug. */
export async function loadConditionPage(req: PayloadRequest, query: ConditionPageQuery): Promise<ConditionPage | null> {
  const depth = query.depth ?? 1
  const condition = await findCondition(req, { ...query, depth })
  return condition ? conditionPageOf(req, condition, { ...query, depth }) : null
}

/** The page of a condition already read at `query.depth` with the caller's access. */
export async function conditionPageOf(req: PayloadRequest, condition: Condition, query: Omit<ConditionPageQuery, 'slug'>): Promise<ConditionPage> {
  const depth = query.depth ?? 1
  const page: ConditionPage = { condition }
  if (Array.isArray(condition.symptoms)) {
    // Symptoms the caller may not read come back unpopulated (an id) at depth 1: leave them out.
    const rows = condition.symptoms.filter((row) => depth === 0 || isDoc(row.symptom))
    page.symptomGroups = groupSymptoms(rows)
  }
  if (Array.isArray(condition.treatments)) page.treatmentGroups = await groupTreatmentsOf(req, condition.treatments, query.locale)
  if (!query.select || ['reviewedBy', 'lastReviewedAt', 'nextReviewDue'].some((field) => query.select?.[field])) {
    page.review = reviewMetadataOf(condition)
  }
  if (depth >= 1 && !query.select) page.jsonLd = conditionJsonLd(condition, { siteURL: query.siteURL ?? siteURLOf(req), locale: query.locale ?? (req.locale as TypedLocale | undefined) })
  return page
}

/** Where the public pages live, for the links in structured data (PUBLIC_SITE_URL, else this server). */
export const siteURLOf = (req: PayloadRequest) =>
  (settings.publicSiteURL || req.payload.config.serverURL || '').replace(/\/+$/, '')
