import type { CollectionConfig } from 'payload'

import { conditionsJoinField } from '../fields/conditionsJoin'
import { richTextField, richTextHTMLField, summaryField } from '../fields/content'
import { medicalCodesField } from '../fields/medicalCodes'
import { provenanceField } from '../fields/provenance'
import { BY_SLUG, slugField } from '../fields/slug'

export const TREATMENT_KINDS = [
  { label: 'Medication', value: 'medication' },
  { label: 'Therapy', value: 'therapy' },
  { label: 'Procedure', value: 'procedure' },
  { label: 'Surgery', value: 'surgery' },
  { label: 'Lifestyle', value: 'lifestyle' },
] as const

export const INVASIVENESS = [
  { label: 'Nonsurgical', value: 'nonsurgical' },
  { label: 'Surgical', value: 'surgical' },
] as const

/** schema.org MedicalTherapy, Drug class or MedicalProcedure, by `kind`. */
export const Treatments: CollectionConfig = {
  slug: 'treatments',
  labels: { singular: 'Treatment', plural: 'Treatments' },
  admin: { useAsTitle: 'name', defaultColumns: ['name', 'kind', 'invasiveness', '_status'], group: 'Medical content' },
  defaultSort: BY_SLUG,
  // What another document embeds of this one: enough for a link or a card, not the whole record.
  defaultPopulate: { name: true, slug: true, summary: true, kind: true, invasiveness: true },
  fields: [
    { name: 'name', type: 'text', required: true, localized: true, index: true, maxLength: 200 },
    slugField('name'),
    { name: 'kind', type: 'select', required: true, index: true, options: [...TREATMENT_KINDS] },
    { name: 'invasiveness', type: 'select', required: true, index: true, defaultValue: 'nonsurgical', options: [...INVASIVENESS] },
    summaryField(),
    richTextField('description'),
    richTextHTMLField('description'),
    medicalCodesField(),
    conditionsJoinField('treatments'),
    provenanceField(),
  ],
}
