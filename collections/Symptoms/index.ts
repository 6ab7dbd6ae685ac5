import type { CollectionConfig } from 'payload'

import { conditionsJoinField } from '../fields/conditionsJoin'
import { richTextField, richTextHTMLField, summaryField } from '../fields/content'
import { medicalCodesField } from '../fields/medicalCodes'
import { provenanceField } from '../fields/provenance'
import { BY_SLUG, slugField } from '../fields/slug'

export const SYMPTOM_CATEGORIES = [
  { label: 'Pain', value: 'pain' },
  { label: 'Sensory', value: 'sensory' },
  { label: 'Motor', value: 'motor' },
  { label: 'Skin and circulation', value: 'skin' },
  { label: 'Sleep and mood', value: 'mood-sleep' },
  { label: 'General', value: 'general' },
] as const

/** schema.org MedicalSignOrSymptom, shared by every condition that lists it. */
export const Symptoms: CollectionConfig = {
  slug: 'symptoms',
  labels: { singular: 'Symptom', plural: 'Symptoms' },
  admin: { useAsTitle: 'name', defaultColumns: ['name', 'category', '_status'], group: 'Medical content' },
  defaultSort: BY_SLUG,
  // What another document embeds of this one: enough for a link or a card, not the whole record.
  defaultPopulate: { name: true, slug: true, summary: true, category: true },
  fields: [
    { name: 'name', type: 'text', required: true, localized: true, index: true, maxLength: 200 },
    slugField('name'),
    { name: 'category', type: 'select', defaultValue: 'general', index: true, options: [...SYMPTOM_CATEGORIES] },
    summaryField(),
    richTextField('description'),
    richTextHTMLField('description'),
    medicalCodesField(),
    conditionsJoinField('symptoms.symptom'),
    provenanceField(),
  ],
}
