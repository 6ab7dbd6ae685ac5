import type { CollectionConfig } from 'payload'

import { conditionsJoinField } from '../fields/conditionsJoin'
import { richTextField, richTextHTMLField, summaryField } from '../fields/content'
import { medicalCodesField } from '../fields/medicalCodes'
import { provenanceField } from '../fields/provenance'
import { BY_SLUG, slugField } from '../fields/slug'

export const TEST_KINDS = [
  { label: 'Medical history', value: 'history' },
  { label: 'Physical exam', value: 'physical-exam' },
  { label: 'Blood test', value: 'blood-test' },
  { label: 'Imaging', value: 'imaging' },
  { label: 'Nerve function', value: 'nerve-function' },
  { label: 'Other', value: 'other' },
] as const

/** schema.org MedicalTest: how a condition is diagnosed, and what each step looks for. */
export const DiagnosticTests: CollectionConfig = {
  slug: 'diagnostic-tests',
  labels: { singular: 'Diagnostic test', plural: 'Diagnostic tests' },
  admin: { useAsTitle: 'name', defaultColumns: ['name', 'kind', '_status'], group: 'Medical content' },
  defaultSort: BY_SLUG,
  // What another document embeds of this one: enough for a link or a card, not the whole record.
  defaultPopulate: { name: true, slug: true, summary: true, kind: true },
  fields: [
    { name: 'name', type: 'text', required: true, localized: true, index: true, maxLength: 200 },
    slugField('name'),
    { name: 'kind', type: 'select', required: true, index: true, options: [...TEST_KINDS] },
    summaryField(),
    { name: 'detects', type: 'textarea', localized: true, admin: { description: 'What the test looks for or can rule out.' } },
    richTextField('description'),
    richTextHTMLField('description'),
    medicalCodesField(),
    conditionsJoinField('diagnosticTests'),
    provenanceField(),
  ],
}
