import type { GroupField } from 'payload'

/**
 * Where an imported record came from: the source document, its checksum, when it was imported
 * and from which section. Written only by the importer (no API user can set it), shown read-only.
 */
export const provenanceField = (): GroupField => ({
  name: 'provenance',
  type: 'group',
  admin: {
    position: 'sidebar',
    readOnly: true,
    condition: (data) => Boolean(data?.provenance?.sourceName),
    description: 'Set by the document importer.',
  },
  access: { create: () => false, update: () => false },
  fields: [
    { name: 'sourceName', label: 'Source document', type: 'text' },
    { name: 'checksum', label: 'Source checksum (SHA-256)', type: 'text' },
    { name: 'section', label: 'Source section', type: 'text' },
    { name: 'importedAt', label: 'Imported at', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
    // Fingerprint of what the importer wrote: an identical re-import changes nothing.
    { name: 'contentHash', type: 'text', admin: { hidden: true } },
  ],
})
