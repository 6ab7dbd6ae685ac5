import type { CollectionConfig } from 'payload'

import { storedReference } from '../../collections/fields/storedReference'

export const SEARCH_INDEX = 'search-index'

export const SEARCHED_COLLECTIONS = ['conditions', 'symptoms', 'treatments', 'diagnostic-tests'] as const
export type SearchedCollection = (typeof SEARCHED_COLLECTIONS)[number]

/**
 * One row per published document and locale, with its text folded for matching. Derived data:
 * written only by the publication hook (src/search/indexer.ts). It holds nothing but published
 * text, so anyone may read it: the search endpoint reads it with the caller's own access.
 */
export const SearchIndex: CollectionConfig = {
  slug: SEARCH_INDEX,
  labels: { singular: 'Search entry', plural: 'Search index' },
  admin: { hidden: true },
  access: { read: () => true, create: () => false, update: () => false, delete: () => false },
  graphQL: false,
  indexes: [{ fields: ['documentCollection', 'documentId', 'locale'], unique: true }],
  fields: [
    { name: 'documentCollection', type: 'select', required: true, index: true, options: [...SEARCHED_COLLECTIONS] },
    { name: 'documentId', type: 'text', required: true, index: true, ...storedReference({ kind: 'document', collectionIn: 'documentCollection' }) },
    { name: 'locale', type: 'text', required: true, index: true },
    { name: 'name', type: 'text', required: true },
    { name: 'slug', type: 'text', required: true },
    { name: 'summary', type: 'textarea' },
    /** Folded name and alternate names: a match here ranks above one in the body. */
    { name: 'nameKey', type: 'text', required: true },
    /** Folded name, summary and body text. */
    { name: 'textKey', type: 'textarea', required: true },
  ],
}
