/**
 * The public site's pages, rendered on the server from the public API. Each returns null when
 * there is nothing published to show (the route then answers 404).
 */
import Link from 'next/link'

import { isSafeLinkURL, PAGE_PATHS } from '../richText/links'
import * as content from './api'
import { type Dictionary, formatDate, href, type SiteLocale } from './i18n'
import { type DocumentHref, SafeRichText } from './RichText'
import { UseMyLocation } from './UseMyLocation'

type Doc = content.Doc

interface PageProps {
  locale: SiteLocale
  t: Dictionary
}

const RECORD_PATHS = PAGE_PATHS
const recordHref = (locale: SiteLocale, collection: string, slug: string) => href(locale, `/${RECORD_PATHS[collection]}/${slug}`)
/** A link to a document in rich text leads to its page, for the kinds of record that have one. */
const documentHref =
  (locale: SiteLocale): DocumentHref =>
  (collection, slug) =>
    RECORD_PATHS[collection] ? recordHref(locale, collection, slug) : undefined

const hasText = (rich: unknown) => Boolean((rich as { root?: { children?: unknown[] } } | null)?.root?.children?.length)

function LinkList({ items, locale, collection }: { items: Doc[]; locale: SiteLocale; collection: string }) {
  return (
    <ul className="links">
      {items.map((item) => (
        <li key={item.id}>
          <Link href={recordHref(locale, collection, item.slug)}>{item.name}</Link>
          {item.summary ? <span className="muted"> — {item.summary}</span> : null}
        </li>
      ))}
    </ul>
  )
}

export function SearchForm({ t, locale, q = '' }: PageProps & { q?: string }) {
  return (
    <form role="search" action={href(locale, '/search')} method="get" className="search">
      <label htmlFor="q">{t.searchLabel}</label>
      <div className="row">
        <input id="q" name="q" type="search" defaultValue={q} minLength={2} maxLength={200} required />
        <button type="submit" className="button">
          {t.searchButton}
        </button>
      </div>
    </form>
  )
}

export async function HomePage({ t, locale }: PageProps) {
  const conditions = await content.listConditions(locale)
  return (
    <>
      <h1>{t.allConditions}</h1>
      <p className="lead">{t.tagline}</p>
      <SearchForm t={t} locale={locale} />
      <h2>{t.conditions}</h2>
      <LinkList items={conditions} locale={locale} collection="conditions" />
      <p>
        <Link href={href(locale, '/care')}>{t.careNearYou}</Link>
      </p>
    </>
  )
}

export function TrustLine({ t, locale, review }: PageProps & { review: content.ConditionPage['review'] }) {
  if (!review?.reviewedBy?.name || !review.lastReviewedAt) return null
  const who = [review.reviewedBy.name, review.reviewedBy.credentials].filter(Boolean).join(', ')
  return (
    <p className="trust" data-testid="trust-line">
      {t.reviewedBy(who, formatDate(review.lastReviewedAt, locale))}
    </p>
  )
}

export async function ConditionPage({ t, locale, slug, viewer, preview }: PageProps & { slug: string; viewer: content.Viewer; preview: boolean }) {
  const page = await content.conditionPage(slug, locale, viewer)
  if (!page) return null
  const { condition } = page
  const subtypes: Doc[] = condition.subtypes?.docs ?? []
  const tests: Doc[] = (condition.diagnosticTests ?? []).filter((d: unknown) => typeof d === 'object')
  const references: Doc[] = (condition.references ?? []).filter((r: unknown) => typeof r === 'object')
  return (
    <article>
      {preview ? <p className="preview">{t.preview}</p> : null}
      <p className="kicker">{t.condition}</p>
      <h1>{condition.name}</h1>
      <TrustLine t={t} locale={locale} review={page.review} />
      {condition.summary ? <p className="lead">{condition.summary}</p> : null}
      {hasText(condition.description) ? (
        <section aria-labelledby="overview">
          <h2 id="overview">{t.overview}</h2>
          <SafeRichText data={condition.description} documentHref={documentHref(locale)} />
        </section>
      ) : null}
      {subtypes.length ? (
        <section aria-labelledby="types">
          <h2 id="types">{t.types}</h2>
          <LinkList items={subtypes} locale={locale} collection="conditions" />
        </section>
      ) : null}
      {page.symptomGroups?.length ? (
        <section aria-labelledby="symptoms">
          <h2 id="symptoms">{t.symptoms}</h2>
          {page.symptomGroups.map((group) => (
            <div key={group.group}>
              <h3>{group.label}</h3>
              <LinkList items={group.symptoms} locale={locale} collection="symptoms" />
            </div>
          ))}
        </section>
      ) : null}
      {tests.length ? (
        <section aria-labelledby="diagnosis">
          <h2 id="diagnosis">{t.diagnosis}</h2>
          <LinkList items={tests} locale={locale} collection="diagnostic-tests" />
        </section>
      ) : null}
      {page.treatmentGroups?.length ? (
        <section aria-labelledby="treatments">
          <h2 id="treatments">{t.treatments}</h2>
          {page.treatmentGroups.map((group) => (
            <div key={group.invasiveness}>
              <h3>{group.invasiveness === 'surgical' ? t.surgical : t.nonsurgical}</h3>
              <LinkList items={group.kinds.flatMap((kind) => kind.treatments)} locale={locale} collection="treatments" />
            </div>
          ))}
        </section>
      ) : null}
      {condition.causes?.length ? (
        <section aria-labelledby="causes">
          <h2 id="causes">{t.causes}</h2>
          <ul>
            {condition.causes.map((cause: Doc) => (
              <li key={cause.id}>
                {cause.name}
                {cause.description ? <span className="muted"> — {cause.description}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {condition.riskFactors?.length ? (
        <section aria-labelledby="risks">
          <h2 id="risks">{t.riskFactors}</h2>
          <ul>
            {condition.riskFactors.map((risk: Doc) => (
              <li key={risk.id}>
                {risk.name} <span className="muted">({risk.modifiable ? t.modifiable : t.notModifiable})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {hasText(condition.prognosis) ? (
        <section aria-labelledby="recovery">
          <h2 id="recovery">{t.recovery}</h2>
          <SafeRichText data={condition.prognosis} documentHref={documentHref(locale)} />
        </section>
      ) : null}
      {references.length ? (
        <section aria-labelledby="references">
          <h2 id="references">{t.references}</h2>
          <ol>
            {references.map((ref) => (
              <li key={ref.id}>
                {isSafeLinkURL(ref.url) && ref.url ? <a href={ref.url}>{ref.title}</a> : ref.title}
                {ref.publisher ? <span className="muted">, {ref.publisher}</span> : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <p>
        <Link href={href(locale, `/care?condition=${encodeURIComponent(condition.slug)}`)}>{t.careNearYou}</Link>
      </p>
    </article>
  )
}

const RECORD_KINDS: Record<string, { collection: content.RecordKind; label: keyof Dictionary; listed: keyof Dictionary }> = {
  symptoms: { collection: 'symptoms', label: 'symptom', listed: 'listedUnder' },
  treatments: { collection: 'treatments', label: 'treatment', listed: 'conditionsTreated' },
  tests: { collection: 'diagnostic-tests', label: 'test', listed: 'conditionsTested' },
}

export const isRecordPath = (segment: string) => segment in RECORD_KINDS

/** A symptom, treatment or diagnostic test, with the conditions that list it. */
export async function RecordPage({ t, locale, kind, slug }: PageProps & { kind: string; slug: string }) {
  const { collection, label, listed } = RECORD_KINDS[kind]
  const record = await content.findBySlug(collection, slug, locale)
  if (!record) return null
  const conditions: Doc[] = record.conditions?.docs ?? []
  return (
    <article>
      <p className="kicker">{t[label] as string}</p>
      <h1>{record.name}</h1>
      {record.summary ? <p className="lead">{record.summary}</p> : null}
      {record.detects ? <p>{record.detects}</p> : null}
      {hasText(record.description) ? <SafeRichText data={record.description} documentHref={documentHref(locale)} /> : null}
      <section aria-labelledby="listed">
        <h2 id="listed">{t[listed] as string}</h2>
        <LinkList items={conditions} locale={locale} collection="conditions" />
      </section>
    </article>
  )
}

export async function SearchPage({ t, locale, q }: PageProps & { q: string }) {
  const valid = q.trim().length >= 2
  const results = valid ? await content.search(q, locale) : null
  return (
    <>
      <h1>{valid ? t.searchResultsFor(q) : t.search}</h1>
      <SearchForm t={t} locale={locale} q={q} />
      {results?.correctedQuery ? <p>{t.showingInstead(results.correctedQuery)}</p> : null}
      {valid && !results?.docs.length ? <p>{t.noResults}</p> : null}
      {results?.docs.length ? (
        <ul className="links results">
          {results.docs.map((hit) => (
            <li key={`${hit.collection}:${hit.id}`}>
              <Link href={recordHref(locale, hit.collection, hit.slug)}>{hit.name}</Link>{' '}
              <span className="badge">{t[RECORD_KINDS[RECORD_PATHS[hit.collection]]?.label ?? 'condition'] as string}</span>
              {hit.summary ? <span className="muted"> — {hit.summary}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  )
}

const DAY_NAMES: Record<SiteLocale, Record<string, string>> = {
  en: { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' },
  es: { mon: 'lun', tue: 'mar', wed: 'mié', thu: 'jue', fri: 'vie', sat: 'sáb', sun: 'dom' },
}

function parseCoordinate(raw: string | undefined, limit: number) {
  if (raw === undefined || raw.trim() === '') return undefined
  const value = Number(raw)
  return Number.isFinite(value) && Math.abs(value) <= limit ? value : null
}

export async function CarePage({ t, locale, params }: PageProps & { params: Record<string, string | undefined> }) {
  const allPlaces = await content.places(locale)
  let lat = parseCoordinate(params.lat, 90)
  let lng = parseCoordinate(params.lng, 180)
  const place = allPlaces.find((p) => String(p.id) === params.place)
  if ((lat === undefined || lng === undefined) && place) {
    lat = place.latitude
    lng = place.longitude
  }
  const radius = Math.min(500, Math.max(1, Number(params.radiusKm) || 25))
  const invalid = lat === null || lng === null
  const results = lat != null && lng != null ? await content.nearby(lat, lng, radius, locale, params.condition) : null
  return (
    <>
      <h1>{t.careNearYou}</h1>
      <p>{t.careIntro}</p>
      <form id="care-form" action={href(locale, '/care')} method="get" className="care">
        <div className="row">
          <p>
            <label htmlFor="lat">{t.latitude}</label>
            <input id="lat" name="lat" inputMode="decimal" defaultValue={params.lat ?? ''} aria-invalid={lat === null} />
          </p>
          <p>
            <label htmlFor="lng">{t.longitude}</label>
            <input id="lng" name="lng" inputMode="decimal" defaultValue={params.lng ?? ''} aria-invalid={lng === null} />
          </p>
          <p>
            <label htmlFor="radiusKm">{t.radius}</label>
            <input id="radiusKm" name="radiusKm" type="number" min={1} max={500} defaultValue={radius} />
          </p>
        </div>
        <p>
          <label htmlFor="place">{t.orPickPlace}</label>
          <select id="place" name="place" defaultValue={params.place ?? ''}>
            <option value="">{t.choosePlace}</option>
            {allPlaces.map((p) => (
              <option key={p.id} value={String(p.id)}>
                {p.name}
                {p.address?.city ? `, ${p.address.city}` : ''}
              </option>
            ))}
          </select>
        </p>
        {params.condition ? <input type="hidden" name="condition" value={params.condition} /> : null}
        <p>
          <button type="submit" className="button">
            {t.findCare}
          </button>
        </p>
      </form>
      <UseMyLocation label={t.useMyLocation} formId="care-form" />
      {invalid ? <p role="alert">{`${t.latitude}: -90…90, ${t.longitude}: -180…180`}</p> : null}
      {lat != null && lng != null && !results?.docs.length ? <p>{t.noCare}</p> : null}
      {results?.docs.length ? (
        <ol className="care-results">
          {results.docs.map(({ distanceKm, distanceMiles, location }) => (
            <li key={location.id}>
              <h2>{location.name}</h2>
              <p className="distance">{t.away(distanceKm, distanceMiles)}</p>
              <p>
                {[location.address?.street, location.address?.city, location.address?.region, location.address?.postalCode].filter(Boolean).join(', ')}
              </p>
              {location.phone ? (
                <p>
                  {t.phone}: <a href={`tel:${String(location.phone).replace(/[^+\d]/g, '')}`}>{location.phone}</a>
                </p>
              ) : null}
              {location.openingHours?.length ? (
                <p>
                  {t.hours}:{' '}
                  {location.openingHours
                    .map((h: Doc) => `${(h.days ?? []).map((d: string) => DAY_NAMES[locale][d] ?? d).join(', ')} ${h.opens}–${h.closes}`)
                    .join('; ')}
                </p>
              ) : null}
              <p>{location.acceptingNewPatients ? t.acceptingNewPatients : t.notAcceptingNewPatients}</p>
              {location.conditionsTreated?.length ? (
                <p>
                  {t.treats}:{' '}
                  {location.conditionsTreated
                    .filter((c: unknown) => typeof c === 'object')
                    .map((c: Doc, i: number) => (
                      <span key={c.id}>
                        {i ? ', ' : ''}
                        <Link href={recordHref(locale, 'conditions', c.slug)}>{c.name}</Link>
                      </span>
                    ))}
                </p>
              ) : null}
              {location.treatmentsOffered?.length ? (
                <p>
                  {t.offers}:{' '}
                  {location.treatmentsOffered
                    .filter((c: unknown) => typeof c === 'object')
                    .map((c: Doc, i: number) => (
                      <span key={c.id}>
                        {i ? ', ' : ''}
                        <Link href={recordHref(locale, 'treatments', c.slug)}>{c.name}</Link>
                      </span>
                    ))}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
    </>
  )
}
