/**
 * schema.org structured data for a condition page: a MedicalWebPage about a MedicalCondition,
 * with its symptoms, treatments, tests, risk factors, causes, specialties, codes and the
 * medical review (reviewedBy, lastReviewed). Search engines and assistants read it from the
 * page head; it is built from the condition as read at depth 1 (related records embedded).
 */
import type { Condition } from '../payload-types'

type Doc = Record<string, any>

const isDoc = (value: unknown): value is Doc => typeof value === 'object' && value !== null

const THERAPY_TYPES: Record<string, string> = {
  medication: 'MedicalTherapy',
  therapy: 'PhysicalTherapy',
  procedure: 'MedicalProcedure',
  surgery: 'SurgicalProcedure',
  lifestyle: 'LifestyleModification',
}

const dateOnly = (value: unknown) => (typeof value === 'string' && value ? value.slice(0, 10) : undefined)

const compact = <T extends Doc>(value: T): T =>
  Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0)),
  ) as T

export function conditionJsonLd(condition: Condition, { siteURL, locale }: { siteURL: string; locale?: string }): Doc {
  const link = (kind: string, slug: unknown) => (typeof slug === 'string' && slug ? `${siteURL}/${kind}/${slug}` : undefined)
  const pageURL = link('conditions', condition.slug)
  const entity = (type: string, kind: string | null) => (doc: unknown) =>
    isDoc(doc) ? compact({ '@type': type, name: doc.name, url: kind ? link(kind, doc.slug) : undefined, description: doc.summary || undefined }) : undefined
  const defined = <T>(items: (T | undefined)[]) => items.filter((item): item is T => item !== undefined)

  const medicalCondition = compact({
    '@type': 'MedicalCondition',
    '@id': pageURL ? `${pageURL}#condition` : undefined,
    name: condition.name,
    alternateName: (condition.alternateNames ?? []).map((a) => a.name).filter(Boolean),
    description: condition.summary || undefined,
    url: pageURL,
    code: (condition.codes ?? []).map((c) => ({ '@type': 'MedicalCode', codeValue: c.code, codingSystem: c.system })),
    signOrSymptom: defined((condition.symptoms ?? []).map((row) => entity('MedicalSymptom', 'symptoms')(row.symptom))),
    possibleTreatment: defined(
      (condition.treatments ?? []).map((t) => (isDoc(t) ? entity(THERAPY_TYPES[t.kind] ?? 'MedicalTherapy', 'treatments')(t) : undefined)),
    ),
    typicalTest: defined((condition.diagnosticTests ?? []).map(entity('MedicalTest', 'tests'))),
    riskFactor: (condition.riskFactors ?? []).map((r) => compact({ '@type': 'MedicalRiskFactor', name: r.name, description: r.description || undefined })),
    cause: (condition.causes ?? []).map((c) => compact({ '@type': 'MedicalCause', name: c.name, description: c.description || undefined })),
    relevantSpecialty: defined((condition.specialties ?? []).map((s) => (isDoc(s) ? { '@type': 'MedicalSpecialty', name: s.name } : undefined))),
  })

  return compact({
    '@context': 'https://schema.org',
    '@type': 'MedicalWebPage',
    '@id': pageURL ? `${pageURL}#page` : undefined,
    url: pageURL,
    name: condition.name,
    inLanguage: locale,
    about: medicalCondition,
    mainEntity: pageURL ? { '@id': `${pageURL}#condition` } : undefined,
    audience: { '@type': 'MedicalAudience', audienceType: 'Patient' },
    lastReviewed: dateOnly(condition.lastReviewedAt),
    reviewedBy: condition.reviewedBy?.name
      ? compact({ '@type': 'Person', name: condition.reviewedBy.name, honorificSuffix: condition.reviewedBy.credentials || undefined })
      : undefined,
    citation: defined(
      (condition.references ?? []).map((r) => (isDoc(r) ? compact({ '@type': 'CreativeWork', name: r.title, url: r.url || undefined, publisher: r.publisher || undefined }) : undefined)),
    ),
  })
}
