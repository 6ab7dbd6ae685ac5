import type { CollectionConfig, Field } from 'payload'

import { anyone } from '../../collections/access/anyone'
import { isStaff } from '../../collections/access/isStaff'
import { storedReference } from '../../collections/fields/storedReference'

export const PUBLISHED_PAGES = 'published-pages'
export const PAGE_HISTORY = 'page-history'

const nobody = () => false

/** Which page, in which language: shared by the current copy and its history. */
const pageKey: Field[] = [
  { name: 'pageCollection', type: 'text', required: true },
  { name: 'documentId', type: 'text', required: true, ...storedReference({ kind: 'document', collectionIn: 'pageCollection' }) },
  { name: 'slug', type: 'text', required: true },
  { name: 'locale', type: 'text', required: true },
]

/** Where a page's content comes from: the published version and the approval behind it. */
const provenance: Field[] = [
  { name: 'version', type: 'text', ...storedReference({ kind: 'version', collectionIn: 'pageCollection' }) },
  // { reviewer, credentials, approvedAt } of the approval the version carries; null for content without review.
  { name: 'approval', type: 'json' },
]

/**
 * The public representation of every published page, per language, as the public reads it:
 * written in the transaction that publishes, re-publishes or withdraws the page or a record it
 * embeds (src/publication/snapshots.ts), read by the page endpoints and the delivery list in one
 * row. Public content by definition, so anyone may read it; only the system writes it.
 */
export const PublishedPages: CollectionConfig = {
  slug: PUBLISHED_PAGES,
  labels: { singular: 'Published page', plural: 'Published pages' },
  admin: { hidden: true },
  access: { read: anyone, create: nobody, update: nobody, delete: nobody },
  graphQL: false,
  timestamps: true,
  indexes: [
    { fields: ['pageCollection', 'slug', 'locale'], unique: true },
    // The delivery list: a page of one collection and language in name order, from a cursor.
    { fields: ['pageCollection', 'locale', 'sortKey', 'slug'] },
  ],
  fields: [
    ...pageKey,
    { name: 'name', type: 'text', required: true },
    // The name folded for ordering and first-letter filters (lower case, no accents).
    { name: 'sortKey', type: 'text', required: true },
    // Specialty slugs, for the delivery list's filter.
    { name: 'specialties', type: 'text', hasMany: true },
    // "collection:id" of every record the page embeds or lists: which pages to re-render when one changes.
    { name: 'embeds', type: 'text', hasMany: true, index: true, ...storedReference({ kind: 'key' }) },
    // What the delivery list shows of the page: { name, slug, summary, specialties }.
    { name: 'card', type: 'json', required: true },
    { name: 'page', type: 'json', required: true },
    // `page` as the JSON text an anonymous read sends, where the database would otherwise print it
    // on every read (PostgreSQL, MongoDB: keepsJsonTextCopy in src/database); empty on SQLite.
    { name: 'pageText', type: 'textarea', hidden: true },
    ...provenance,
  ],
}

/**
 * The record of what the public saw (medico-legal): one row each time a page's public copy
 * changed, append-only. Staff read it through the page history endpoints; no API may write,
 * change or delete it. Backups carry it (src/backup).
 */
export const PageHistory: CollectionConfig = {
  slug: PAGE_HISTORY,
  labels: { singular: 'Page history entry', plural: 'Page history' },
  admin: { hidden: true },
  access: { read: isStaff, create: nobody, update: nobody, delete: nobody },
  graphQL: false,
  timestamps: true,
  indexes: [{ fields: ['pageCollection', 'slug', 'locale', 'createdAt'] }],
  fields: [
    ...pageKey,
    {
      name: 'event',
      type: 'select',
      required: true,
      options: ['publish', 'unpublish', 'delete', 'rerender'],
    },
    // For a re-render: the embedded record whose change re-rendered the page { collection, id, slug, event }.
    { name: 'cause', type: 'json', ...storedReference({ kind: 'record' }) },
    // The page as served from this time on; null once withdrawn.
    { name: 'page', type: 'json' },
    ...provenance,
  ],
}
