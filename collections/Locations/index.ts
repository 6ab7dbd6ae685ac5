import type { CollectionConfig, NumberField } from 'payload'

import { summaryField } from '../fields/content'
import { BY_SLUG, slugField } from '../fields/slug'

const WEEKDAYS = [
  { label: 'Monday', value: 'mon' },
  { label: 'Tuesday', value: 'tue' },
  { label: 'Wednesday', value: 'wed' },
  { label: 'Thursday', value: 'thu' },
  { label: 'Friday', value: 'fri' },
  { label: 'Saturday', value: 'sat' },
  { label: 'Sunday', value: 'sun' },
] as const

const TIME_OF_DAY = /^(?:[01]\d|2[0-3]):[0-5]\d$/

const timeField = (name: string, label: string) => ({
  name,
  label,
  type: 'text' as const,
  required: true,
  admin: { placeholder: '08:30', width: '25%' },
  validate: (value: unknown) =>
    typeof value === 'string' && TIME_OF_DAY.test(value) ? true : 'Use 24-hour time, HH:MM (e.g. 08:30).',
})

// Plain numbers rather than Payload's `point` field: `point` has no SQLite support, and the
// distance search must answer the same on SQLite, PostgreSQL and MongoDB.
const coordinate = (name: 'latitude' | 'longitude', limit: number): NumberField => ({
  name,
  type: 'number',
  required: true,
  index: true,
  min: -limit,
  max: limit,
  admin: { width: '50%', step: 0.000001, description: `Decimal degrees, -${limit} to ${limit}.` },
})

/** schema.org MedicalClinic: where a patient can get care. */
export const Locations: CollectionConfig = {
  slug: 'locations',
  labels: { singular: 'Care location', plural: 'Care locations' },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'address.city', 'acceptingNewPatients', '_status'],
    group: 'Care locations',
  },
  defaultSort: BY_SLUG,
  fields: [
    { name: 'name', type: 'text', required: true, localized: true, index: true, maxLength: 200 },
    slugField('name'),
    summaryField(),
    {
      name: 'address',
      type: 'group',
      fields: [
        { name: 'street', type: 'text', required: true },
        {
          type: 'row',
          fields: [
            { name: 'city', type: 'text', required: true, index: true },
            { name: 'region', type: 'text', label: 'State or region' },
            { name: 'postalCode', type: 'text' },
            { name: 'country', type: 'text', required: true, defaultValue: 'US', maxLength: 2, admin: { description: 'ISO 3166-1 alpha-2' } },
          ],
        },
      ],
    },
    { type: 'row', fields: [coordinate('latitude', 90), coordinate('longitude', 180)] },
    {
      name: 'phone',
      type: 'text',
      validate: (value: unknown) =>
        value == null || value === '' || (typeof value === 'string' && /^\+?[0-9 ().-]{7,20}$/.test(value))
          ? true
          : 'Use digits, spaces, brackets, dots or dashes, with an optional leading + (e.g. +1 555 010 0100).',
    },
    {
      name: 'website',
      type: 'text',
      validate: (value: unknown) => {
        if (value == null || value === '') return true
        try {
          const url = new URL(String(value))
          return url.protocol === 'https:' || url.protocol === 'http:' ? true : 'Use an http(s) address.'
        } catch {
          return 'Enter a full web address, e.g. https://clinic.example.org.'
        }
      },
    },
    {
      name: 'openingHours',
      type: 'array',
      labels: { singular: 'Opening hours', plural: 'Opening hours' },
      fields: [
        { name: 'days', type: 'select', hasMany: true, required: true, options: [...WEEKDAYS] },
        { type: 'row', fields: [timeField('opens', 'Opens'), timeField('closes', 'Closes')] },
      ],
    },
    { name: 'acceptingNewPatients', type: 'checkbox', defaultValue: true, index: true },
    { name: 'specialties', type: 'relationship', relationTo: 'specialties', hasMany: true, index: true },
    { name: 'conditionsTreated', type: 'relationship', relationTo: 'conditions', hasMany: true, index: true },
    { name: 'treatmentsOffered', type: 'relationship', relationTo: 'treatments', hasMany: true, index: true },
    {
      name: 'isSampleData',
      type: 'checkbox',
      defaultValue: false,
      admin: { position: 'sidebar', description: 'Demo content from the seed: not a real clinic.' },
    },
  ],
}
