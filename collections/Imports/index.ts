import type { CollectionConfig } from 'payload'

import { NotFound, refusalResponse } from '../../src/errors'
import { isAdmin } from '../access/isAdmin'
import { isStaff } from '../access/isStaff'
import { hasRole } from '../access/roles'
import { queueImport } from './hooks/queueImport'

export const IMPORT_STATUSES = [
  { label: 'Queued', value: 'queued' },
  { label: 'Done', value: 'done' },
  { label: 'Failed', value: 'failed' },
] as const

/** Fields the job fills: shown once the import exists, not as empty boxes on the upload form. */
const imported = (data: Record<string, unknown> | undefined) => Boolean(data?.createdAt)

/**
 * An editor uploads a patient-education document; a background job (src/jobs) turns it into
 * draft records and writes the result back here. The document's text is kept in the database,
 * not on local disk, so any replica can run the job. The importer's plugin (src/importer/plugin.ts)
 * adds the check that an upload is a document it can read.
 */
export const Imports: CollectionConfig = {
  slug: 'imports',
  labels: { singular: 'Document import', plural: 'Document imports' },
  admin: {
    useAsTitle: 'sourceName',
    defaultColumns: ['sourceName', 'status', 'condition', 'createdAt'],
    group: 'Medical content',
    description:
      'Upload a patient-education page (.txt, .md or .html). It is imported as drafts and submitted for medical review as one bundle.',
  },
  access: {
    // Staff see every import; the result tells them what changed in the content they review.
    read: isStaff,
    create: isStaff,
    // The outcome is written by the job alone; an import is a record of what happened.
    update: () => false,
    delete: isAdmin,
  },
  // HTML is a restricted upload type in Payload (it could run script if served). Here the file is
  // never stored or served: its text is read, checked and kept in the database.
  upload: {
    disableLocalStorage: true,
    allowRestrictedFileTypes: true,
    // No file is kept to preview: the admin must not ask for one.
    displayPreview: false,
    // Nothing is stored to serve: say so (404) instead of failing to read a file that never was.
    handlers: [() => refusalResponse(new NotFound("An import's uploaded file is not kept; its text is stored on the import record and its result is shown there."))],
  },
  hooks: {
    afterChange: [queueImport],
  },
  fields: [
    { name: 'sourceName', type: 'text', admin: { readOnly: true } },
    { name: 'content', type: 'textarea', admin: { hidden: true }, access: { read: ({ req }) => hasRole(req.user, 'admin') } },
    {
      name: 'status',
      type: 'select',
      defaultValue: 'queued',
      index: true,
      options: [...IMPORT_STATUSES],
      admin: { readOnly: true, position: 'sidebar', condition: imported },
    },
    {
      name: 'reviewer',
      type: 'relationship',
      relationTo: 'users',
      filterOptions: { role: { in: ['reviewer', 'admin'] } },
      admin: { position: 'sidebar', description: 'Who reviews the imported records. Empty: any reviewer.' },
    },
    { name: 'condition', type: 'relationship', relationTo: 'conditions', admin: { readOnly: true, position: 'sidebar', condition: imported } },
    // The outcome as data for the API; the admin shows it as tables (ImportResult), since
    // Payload's JSON editor loads its code editor from a CDN.
    { name: 'result', type: 'ui', admin: { components: { Field: '/admin/ImportResult#ImportResult' } } },
    { name: 'summary', label: 'Records per collection', type: 'json', admin: { readOnly: true, hidden: true } },
    { name: 'changes', type: 'json', admin: { readOnly: true, hidden: true } },
    { name: 'error', type: 'textarea', admin: { readOnly: true, condition: (data) => Boolean(data?.error) } },
    { name: 'importedBy', type: 'relationship', relationTo: 'users', admin: { readOnly: true, position: 'sidebar', condition: imported } },
  ],
}
