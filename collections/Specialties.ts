import type { CollectionConfig } from 'payload'

import { anyone } from './access/anyone'
import { isAdmin } from './access/isAdmin'
import { isStaff } from './access/isStaff'
import { isReviewerOrAdmin } from './access/reviewerOrAdmin'
import { summaryField } from './fields/content'
import { provenanceField } from './fields/provenance'
import { BY_SLUG, slugField } from './fields/slug'

/** schema.org MedicalSpecialty, e.g. orthopedics, neurology. */
export const Specialties: CollectionConfig = {
  slug: 'specialties',
  labels: { singular: 'Specialty', plural: 'Specialties' },
  admin: { useAsTitle: 'name', group: 'Reference data' },
  // Shown inside reviewed pages: changing it is for reviewers (see isReviewerOrAdmin).
  access: { read: anyone, create: isStaff, update: isReviewerOrAdmin, delete: isAdmin },
  defaultSort: BY_SLUG,
  // What another document embeds of this one: enough for a link or a card, not the whole record.
  defaultPopulate: { name: true, slug: true },
  fields: [
    { name: 'name', type: 'text', required: true, localized: true, index: true, maxLength: 120 },
    slugField('name'),
    summaryField(),
    provenanceField(),
  ],
}
