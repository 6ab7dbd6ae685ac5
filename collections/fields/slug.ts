import type { TextField } from 'payload'

import { SLUG_PATTERN, slugify } from './slugify'

/**
 * A unique, URL-safe identifier that front ends use in routes. Filled from `sourceField`
 * (usually the name) when left empty; shared by every language, so `/es/...` and `/...`
 * address the same record.
 */
export const slugField = (sourceField = 'name'): TextField => ({
  name: 'slug',
  type: 'text',
  // Not `required`: the hook fills it, so API callers may omit it; `validate` still refuses empty.
  unique: true,
  index: true,
  admin: {
    position: 'sidebar',
    description: `Used in web addresses. Left empty, it is made from the ${sourceField}.`,
  },
  hooks: {
    beforeValidate: [
      ({ value, data, originalDoc }) => {
        // Typed slugs are tidied ("Lumbar Pain" -> "lumbar-pain"); one with nothing usable is kept
        // as typed so validation can say what is wrong with it.
        if (typeof value === 'string' && value.trim()) return slugify(value) || value
        const source = data?.[sourceField] ?? originalDoc?.[sourceField]
        return typeof source === 'string' && source.trim() ? slugify(source) : value
      },
    ],
  },
  validate: (value: unknown) => {
    if (typeof value !== 'string' || !value) return 'A slug is required (or a name to make it from).'
    if (!SLUG_PATTERN.test(value)) return 'A slug uses lowercase letters, digits and single hyphens, e.g. "lumbar-radiculopathy".'
    return true
  },
})

/**
 * The default order of lists: by slug, not by the localized name. Sorting on a localized field
 * joins its locales table, and Payload then runs two queries instead of one for every list and
 * for every batch of related records it embeds (a condition page: 12 queries instead of 7).
 * Slugs are made from the English name, so English lists come out in the same order; `sort=name`
 * still sorts by the name in the requested language.
 */
export const BY_SLUG = 'slug'
