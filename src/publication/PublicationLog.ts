import type { CollectionConfig } from 'payload'

import { storedReference } from '../../collections/fields/storedReference'

export const PUBLICATION_LOG = 'publication-log'

/**
 * What changed publicly, and when: written by the publication hooks in the same transaction as
 * the change, read by every API replica to know its cached answers are out of date. Closed to
 * every API; the system writes it through the database adapter.
 */
export const PublicationLog: CollectionConfig = {
  slug: PUBLICATION_LOG,
  labels: { singular: 'Publication event', plural: 'Publication log' },
  admin: { hidden: true },
  access: { read: () => false, create: () => false, update: () => false, delete: () => false },
  graphQL: false,
  timestamps: true,
  fields: [
    { name: 'event', type: 'select', required: true, options: ['publish', 'unpublish', 'delete'] },
    { name: 'documentCollection', type: 'text', required: true },
    { name: 'documentId', type: 'text', required: true, ...storedReference({ kind: 'document', collectionIn: 'documentCollection' }) },
    { name: 'slug', type: 'text' },
  ],
}
