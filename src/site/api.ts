/**
 * The public site's only way to content: the public REST API over HTTP, as any outside front end
 * would use it (never the database). Anonymous unless an editor previews a draft with their own
 * session. API failures surface as errors the site's error page turns into a friendly message.
 */
import { siteApiURL } from '../settings'
import type { SiteLocale } from './i18n'

/** Where the API is: SITE_API_URL, else this server itself (recorded by src/server.ts once listening). */
const apiBase = () => siteApiURL()

/** The API refused the question (a 4xx other than 404): the visitor's input, not an outage. */
export class Refused extends Error {}

export interface Viewer {
  /** A staff session token, when an editor asked for a preview. */
  token?: string
}

export async function api<T>(path: string, { token }: Viewer = {}): Promise<T | null> {
  const response = await fetch(`${apiBase()}/api${path}`, {
    headers: { accept: 'application/json', ...(token ? { authorization: `JWT ${token}` } : {}) },
    cache: 'no-store',
    signal: AbortSignal.timeout(10_000),
  })
  if (response.status === 404) return null
  if (response.status >= 400 && response.status < 500) throw new Refused(`The content API refused ${path} (${response.status})`)
  if (!response.ok) throw new Error(`The content API answered ${response.status} for ${path}`)
  return (await response.json()) as T
}

export const qs = (params: Record<string, string | number | boolean | undefined>) =>
  new URLSearchParams(Object.entries(params).flatMap(([k, v]) => (v === undefined || v === '' ? [] : [[k, String(v)]]))).toString()

export type Doc = Record<string, any>

export interface ConditionPage {
  condition: Doc
  symptomGroups: { group: string; label: string; symptoms: Doc[] }[]
  treatmentGroups: { invasiveness: string; label: string; kinds: { kind: string; label: string; treatments: Doc[] }[] }[]
  review: { reviewedBy: { name: string; credentials: string | null } | null; lastReviewedAt: string | null; nextReviewDue: string | null }
  jsonLd?: Record<string, unknown>
}

export const conditionPage = (slug: string, locale: SiteLocale, viewer: Viewer = {}) =>
  api<ConditionPage>(`/conditions/page/${encodeURIComponent(slug)}?${qs({ locale, draft: viewer.token ? true : undefined })}`, viewer)

export const conditionJsonLd = (slug: string, locale: SiteLocale) => api<Record<string, unknown>>(`/conditions/page/${encodeURIComponent(slug)}/jsonld?${qs({ locale })}`)

export async function listConditions(locale: SiteLocale) {
  const result = await api<{ docs: Doc[] }>(`/conditions?${qs({ locale, limit: 200, sort: 'name', depth: 0, 'select[name]': true, 'select[slug]': true, 'select[summary]': true, 'select[parent]': true })}`)
  return result?.docs ?? []
}

export type RecordKind = 'symptoms' | 'treatments' | 'diagnostic-tests'

const PAGE_KEYS: Record<RecordKind, string> = { symptoms: 'symptom', treatments: 'treatment', 'diagnostic-tests': 'diagnosticTest' }

/** A symptom, treatment or test page, as published (one stored row on the API's side). */
export async function findBySlug(collection: RecordKind, slug: string, locale: SiteLocale) {
  const page = await api<Record<string, Doc>>(`/${collection}/page/${encodeURIComponent(slug)}?${qs({ locale })}`)
  return page?.[PAGE_KEYS[collection]] ?? null
}

export const search = (q: string, locale: SiteLocale) =>
  refusedAsNull(api<{ q: string; correctedQuery: string | null; docs: { collection: string; id: string; name: string; slug: string; summary: string | null }[]; totalDocs: number }>(
    `/search?${qs({ q, locale, limit: 30 })}`,
  ))

export const nearby = (lat: number, lng: number, radiusKm: number, locale: SiteLocale, condition?: string) =>
  refusedAsNull(
    api<{ docs: { distanceKm: number; distanceMiles: number; location: Doc }[]; totalDocs: number }>(
      `/locations/nearby?${qs({ lat, lng, radiusKm, locale, limit: 20, condition })}`,
    ),
  )

/** For questions typed by visitors: a refusal reads as "nothing found", not as an outage. */
async function refusedAsNull<T>(answer: Promise<T | null>): Promise<T | null> {
  try {
    return await answer
  } catch (error) {
    if (error instanceof Refused) return null
    throw error
  }
}

export async function places(locale: SiteLocale) {
  const result = await api<{ docs: Doc[] }>(`/locations?${qs({ locale, limit: 100, sort: 'name', depth: 0, 'select[name]': true, 'select[latitude]': true, 'select[longitude]': true, 'select[address]': true })}`)
  return result?.docs ?? []
}

/** Whether the session token belongs to staff (who may preview drafts). */
export async function isStaff(token: string | undefined) {
  if (!token) return false
  const me = await api<{ user: { role?: string } | null }>('/users/me', { token }).catch(() => null)
  return ['admin', 'editor', 'reviewer'].includes(me?.user?.role ?? '')
}
