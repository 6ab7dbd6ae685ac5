/**
 * Search across published conditions, symptoms, treatments and diagnostic tests: every word must
 * begin a word of the entry (case and accents ignored; answered from the database's full-text
 * index, src/search/fullText.ts); a match in the name ranks above a match in the body; a word
 * that matches nothing is corrected to the nearest indexed name word ("neuropaty" ->
 * "neuropathy") and the answer says so.
 */
import type { PayloadRequest, Where, TypedLocale } from 'payload'

import { contentCache } from '../cache'
import { type Page, pageOf } from '../paging'
import type { SearchIndex as SearchEntry } from '../payload-types'
import { fullTextMatches, vocabularyForms, type WordForms } from './fullText'
import { SEARCH_INDEX, SEARCHED_COLLECTIONS, type SearchedCollection } from './SearchIndex'
import { editDistance, typoAllowance, wordsOf } from './text'

/** Ranking looks at this many candidates at most: the name matches first, then the rest. */
export const MAX_CANDIDATES = 200
export const MAX_WORDS = 8

export interface SearchQuery {
  q: string
  types: SearchedCollection[]
  locale: TypedLocale
  page: number
  limit: number
}

export interface SearchHit {
  collection: SearchedCollection
  id: string
  name: string
  slug: string
  summary: string | null
  score: number
  matchedIn: 'name' | 'body'
}

export interface SearchResult extends Page<SearchHit> {
  q: string
  /** The words searched for after typo correction, when any word was corrected. */
  correctedQuery: string | null
}

// The vocabulary of name words, per locale, for typo correction. Rebuilt after any change to
// published content (the content cache's invalidation covers every replica).
let vocabulary = new Map<string, Promise<Set<string>>>()
let listening = false

async function vocabularyOf(req: PayloadRequest, locale: string): Promise<Set<string>> {
  if (!listening) {
    contentCache().events.on('invalidated', () => (vocabulary = new Map()))
    listening = true
  }
  let words = vocabulary.get(locale)
  if (!words) {
    words = req.payload
      .find({
        collection: SEARCH_INDEX,
        where: { locale: { equals: locale } },
        select: { nameKey: true },
        pagination: false,
        depth: 0,
        req,
        overrideAccess: false,
      })
      .then(({ docs }) => new Set(docs.flatMap((doc) => String(doc.nameKey ?? '').split(' ').filter(Boolean))))
    vocabulary.set(locale, words)
    words.catch(() => vocabulary.delete(locale))
  }
  return words
}

/** The nearest name word within the typo allowance, or null. Ties go to the more common spelling (shorter first). */
function correct(word: string, words: Set<string>): string | null {
  const limit = typoAllowance(word)
  if (!limit) return null
  let best: string | null = null
  let bestDistance = limit + 1
  for (const candidate of words) {
    const distance = editDistance(word, candidate, Math.min(limit, bestDistance))
    if (distance < bestDistance || (distance === bestDistance && best !== null && candidate.length < best.length)) {
      best = candidate
      bestDistance = distance
    }
  }
  return bestDistance <= limit ? best : null
}

const allWordsIn = (field: 'nameKey' | 'textKey', words: string[]): Where[] => words.map((word) => ({ [field]: { contains: word } }))

/** Up to MAX_CANDIDATES entries whose names (or names and text) hold every word, and how many there are. */
async function matching(
  req: PayloadRequest,
  query: SearchQuery,
  words: string[],
  field: 'name' | 'text',
  forms: WordForms | null,
): Promise<{ docs: SearchEntry[]; totalDocs: number }> {
  const indexed = await fullTextMatches(req.payload, { words, locale: query.locale, collections: query.types, field, limit: MAX_CANDIDATES, forms })
  if (!indexed) {
    // No full-text index on this database (MongoDB): Payload's substring match, a scan.
    const scope: Where[] = [{ locale: { equals: query.locale } }, { documentCollection: { in: query.types } }]
    return req.payload.find({
      collection: SEARCH_INDEX,
      where: { and: [...scope, ...allWordsIn(field === 'name' ? 'nameKey' : 'textKey', words)] },
      limit: MAX_CANDIDATES,
      depth: 0,
      sort: 'name',
      req,
      overrideAccess: false,
    })
  }
  if (!indexed.ids.length) return { docs: [], totalDocs: indexed.totalDocs }
  const { docs } = await req.payload.find({
    collection: SEARCH_INDEX,
    where: { id: { in: indexed.ids } },
    pagination: false,
    depth: 0,
    req,
    overrideAccess: false,
  })
  return { docs, totalDocs: indexed.totalDocs }
}

async function candidates(req: PayloadRequest, query: SearchQuery, words: string[]) {
  // Each word's prefix spelled out once, for both fields.
  const forms = await vocabularyForms(req.payload, words)
  // Names first, so a name match is never crowded out by body matches; the body query counts all.
  const byName = await matching(req, query, words, 'name', forms)
  const byText = byName.totalDocs >= MAX_CANDIDATES ? { docs: [], totalDocs: byName.totalDocs } : await matching(req, query, words, 'text', forms)
  const seen = new Set(byName.docs.map((doc) => doc.id))
  return {
    docs: [...byName.docs, ...byText.docs.filter((doc) => !seen.has(doc.id))] as SearchEntry[],
    totalDocs: Math.max(byName.totalDocs, byText.totalDocs),
  }
}

function score(entry: SearchEntry, words: string[], phrase: string): { score: number; matchedIn: 'name' | 'body' } {
  const nameWords = String(entry.nameKey).split(' ')
  let total = 0
  let inName = 0
  for (const word of words) {
    if (nameWords.includes(word)) total += 10
    else if (nameWords.some((w) => w.startsWith(word))) total += 6
    else if (String(entry.nameKey).includes(word)) total += 4
    else {
      total += 1
      continue
    }
    inName++
  }
  if (entry.nameKey === phrase) total += 20
  else if (String(entry.nameKey).startsWith(phrase)) total += 8
  else if (String(entry.nameKey).includes(phrase)) total += 4
  return { score: total, matchedIn: inName === words.length ? 'name' : 'body' }
}

export async function searchContent(req: PayloadRequest, query: SearchQuery): Promise<SearchResult> {
  let words = [...new Set(wordsOf(query.q))].slice(0, MAX_WORDS)
  let correctedQuery: string | null = null
  let found = await candidates(req, query, words)
  if (found.totalDocs === 0) {
    const known = await vocabularyOf(req, query.locale)
    const corrected = words.map((word) => (known.has(word) ? word : (correct(word, known) ?? word)))
    if (corrected.some((word, i) => word !== words[i])) {
      words = corrected
      correctedQuery = corrected.join(' ')
      found = await candidates(req, query, words)
    }
  }
  const phrase = words.join(' ')
  const ranked = found.docs
    .map((entry) => ({ entry, ...score(entry, words, phrase) }))
    .sort((a, b) => b.score - a.score || a.entry.name.localeCompare(b.entry.name) || a.entry.documentCollection.localeCompare(b.entry.documentCollection))
  const page = pageOf(ranked, query.page, query.limit, found.totalDocs)
  return {
    q: query.q,
    correctedQuery,
    ...page,
    docs: page.docs.map(({ entry, score: value, matchedIn }) => ({
      collection: entry.documentCollection,
      id: entry.documentId,
      name: entry.name,
      slug: entry.slug,
      summary: entry.summary ?? null,
      score: value,
      matchedIn,
    })),
  }
}

export { SEARCHED_COLLECTIONS }
