/**
 * Symptom lookup: which published conditions list the given symptoms, ranked by how many of them
 * each lists (then by name). Symptoms are named by slug or id.
 */
import type { PayloadRequest, TypedLocale } from 'payload'

import { BadQuery } from '../errors'
import { pageOf } from '../paging'
import type { Condition } from '../payload-types'

export interface SymptomLookupQuery {
  symptoms: string[]
  page: number
  limit: number
  locale?: TypedLocale
}

const looksLikeId = (value: string) => /^\d+$/.test(value) || /^[a-f0-9]{24}$/i.test(value)

export async function conditionsBySymptoms(req: PayloadRequest, query: SymptomLookupQuery) {
  if (!query.symptoms.length) throw new BadQuery('Name at least one symptom: `symptoms=numbness,tingling` (slugs or ids).')
  const { docs: symptoms } = await req.payload.find({
    collection: 'symptoms',
    where: {
      or: [
        { slug: { in: query.symptoms } },
        ...(query.symptoms.some(looksLikeId) ? [{ id: { in: query.symptoms.filter(looksLikeId) } }] : []),
      ],
    },
    select: { name: true, slug: true },
    depth: 0,
    pagination: false,
    locale: query.locale,
    req,
    overrideAccess: false,
  })
  const unknown = query.symptoms.filter((given) => !symptoms.some((s) => s.slug === given || String(s.id) === given))
  if (!symptoms.length) {
    throw new BadQuery(`No published symptom matches ${unknown.map((u) => `"${u.slice(0, 60)}"`).join(', ')}. Use symptom slugs (e.g. numbness) or ids.`)
  }
  const wanted = new Set(symptoms.map((s) => String(s.id)))
  const { docs: conditions } = await req.payload.find({
    collection: 'conditions',
    where: { 'symptoms.symptom': { in: [...wanted] } },
    select: { name: true, slug: true, summary: true, symptoms: true },
    depth: 0,
    pagination: false,
    locale: query.locale,
    req,
    overrideAccess: false,
  })
  const slugOf = new Map(symptoms.map((s) => [String(s.id), s.slug]))
  const ranked = (conditions as Condition[])
    .map((condition) => {
      const matched = [...new Set((condition.symptoms ?? []).map((row) => String(typeof row.symptom === 'object' ? row.symptom?.id : row.symptom)))].filter((id) => wanted.has(id))
      return { condition: { id: condition.id, name: condition.name, slug: condition.slug, summary: condition.summary ?? null }, matchCount: matched.length, matchedSymptoms: matched.map((id) => slugOf.get(id)!) }
    })
    .filter((row) => row.matchCount > 0)
    .sort((a, b) => b.matchCount - a.matchCount || String(a.condition.name).localeCompare(String(b.condition.name)))

  return {
    symptoms: symptoms.map((s) => ({ id: s.id, name: s.name, slug: s.slug })),
    unknownSymptoms: unknown,
    ...pageOf(ranked, query.page, query.limit),
  }
}
