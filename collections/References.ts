import type { CollectionConfig } from 'payload'

import { anyone } from './access/anyone'
import { isAdmin } from './access/isAdmin'
import { isStaff } from './access/isStaff'
import { isReviewerOrAdmin } from './access/reviewerOrAdmin'

const optionalPattern = (pattern: RegExp, message: string) => (value: unknown) =>
  value == null || value === '' || (typeof value === 'string' && pattern.test(value)) ? true : message

/** A citation supporting medical content. */
export const References: CollectionConfig = {
  slug: 'references',
  labels: { singular: 'Reference', plural: 'References' },
  admin: { useAsTitle: 'title', defaultColumns: ['title', 'publisher', 'accessedAt'], group: 'Reference data' },
  // Shown inside reviewed pages: changing it is for reviewers (see isReviewerOrAdmin).
  access: { read: anyone, create: isStaff, update: isReviewerOrAdmin, delete: isAdmin },
  fields: [
    { name: 'title', type: 'text', required: true, maxLength: 500 },
    { name: 'publisher', type: 'text' },
    {
      name: 'url',
      type: 'text',
      validate: optionalPattern(/^https?:\/\/\S+$/, 'Enter a full web address starting with http:// or https://.'),
    },
    {
      name: 'doi',
      label: 'DOI',
      type: 'text',
      validate: optionalPattern(/^10\.\d{4,9}\/\S+$/, 'A DOI looks like 10.1000/xyz123 (without https://doi.org/).'),
    },
    {
      name: 'pmid',
      label: 'PubMed ID',
      type: 'text',
      validate: optionalPattern(/^\d{1,9}$/, 'A PubMed ID is a number of up to nine digits.'),
    },
    { name: 'accessedAt', label: 'Accessed', type: 'date', admin: { date: { pickerAppearance: 'dayOnly' } } },
  ],
}
