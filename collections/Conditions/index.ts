import type { CollectionConfig } from 'payload'

import { richTextField, richTextHTMLField, summaryField } from '../fields/content'
import { medicalCodesField } from '../fields/medicalCodes'
import { provenanceField } from '../fields/provenance'
import { BY_SLUG, slugField } from '../fields/slug'

export const SYMPTOM_GROUPS = [
  { label: 'Pain', value: 'pain' },
  { label: 'Sensory changes', value: 'sensory' },
  { label: 'Motor (strength, movement)', value: 'motor' },
  { label: 'Other symptoms', value: 'other' },
] as const

/** schema.org MedicalCondition: a disease, disorder or syndrome patients read about. */
export const Conditions: CollectionConfig = {
  slug: 'conditions',
  labels: { singular: 'Condition', plural: 'Conditions' },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'parent', '_status', 'updatedAt'],
    listSearchableFields: ['name', 'slug'],
    group: 'Medical content',
  },
  defaultSort: BY_SLUG,
  // What another document embeds of this one: enough for a link or a card, not the whole record.
  defaultPopulate: { name: true, slug: true, summary: true },
  fields: [
    { name: 'name', type: 'text', required: true, localized: true, index: true, maxLength: 200 },
    slugField('name'),
    {
      name: 'alternateNames',
      type: 'array',
      labels: { singular: 'Alternate name', plural: 'Alternate names' },
      fields: [{ name: 'name', type: 'text', required: true, localized: true }],
    },
    summaryField(),
    richTextField('description'),
    richTextHTMLField('description'),
    {
      name: 'parent',
      label: 'Type of',
      type: 'relationship',
      relationTo: 'conditions',
      index: true,
      admin: { position: 'sidebar', description: 'The broader condition this is a type of.' },
      filterOptions: ({ id }) => (id ? { id: { not_equals: id } } : true),
    },
    {
      name: 'subtypes',
      label: 'Types',
      type: 'join',
      collection: 'conditions',
      on: 'parent',
      defaultLimit: 50,
      defaultSort: 'slug',
      // Types are parts of the page: a submission takes their drafts into its review bundle.
      custom: { reviewedWithParent: true },
    },
    {
      name: 'causes',
      type: 'array',
      labels: { singular: 'Cause', plural: 'Causes' },
      fields: [
        { name: 'name', type: 'text', required: true, localized: true },
        { name: 'description', type: 'textarea', localized: true },
        {
          name: 'condition',
          type: 'relationship',
          relationTo: 'conditions',
          admin: { description: 'When the cause is a condition in its own right (e.g. diabetes).' },
        },
      ],
    },
    {
      name: 'riskFactors',
      type: 'array',
      labels: { singular: 'Risk factor', plural: 'Risk factors' },
      fields: [
        { name: 'name', type: 'text', required: true, localized: true },
        { name: 'description', type: 'textarea', localized: true },
        {
          name: 'modifiable',
          type: 'checkbox',
          defaultValue: false,
          admin: { description: 'Can the patient change it (weight, smoking) or not (age)?' },
        },
      ],
    },
    {
      name: 'symptoms',
      type: 'array',
      labels: { singular: 'Symptom', plural: 'Symptoms' },
      fields: [
        { name: 'symptom', type: 'relationship', relationTo: 'symptoms', required: true, index: true },
        { name: 'group', type: 'select', required: true, defaultValue: 'other', options: [...SYMPTOM_GROUPS] },
      ],
    },
    { name: 'diagnosticTests', type: 'relationship', relationTo: 'diagnostic-tests', hasMany: true, index: true },
    { name: 'treatments', type: 'relationship', relationTo: 'treatments', hasMany: true, index: true },
    richTextField('prognosis', { label: 'Prognosis and recovery' }),
    richTextHTMLField('prognosis'),
    { name: 'specialties', type: 'relationship', relationTo: 'specialties', hasMany: true, index: true },
    medicalCodesField(),
    { name: 'references', type: 'relationship', relationTo: 'references', hasMany: true },
    provenanceField(),
  ],
}
