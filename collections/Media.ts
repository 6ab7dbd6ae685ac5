import type { CollectionConfig } from 'payload'

import { anyone } from './access/anyone'
import { isAdmin } from './access/isAdmin'
import { isStaff } from './access/isStaff'

/** Images for medical content. Stored on local disk, or in S3 when configured (src/storage.ts). */
export const Media: CollectionConfig = {
  slug: 'media',
  labels: { singular: 'Image', plural: 'Media' },
  admin: { group: 'Reference data' },
  access: { read: anyone, create: isStaff, update: isStaff, delete: isAdmin },
  upload: {
    staticDir: 'media',
    mimeTypes: ['image/png', 'image/jpeg', 'image/webp', 'image/avif', 'image/gif'],
  },
  fields: [
    {
      name: 'alt',
      label: 'Alternative text',
      type: 'text',
      required: true,
      localized: true,
      admin: { description: 'Describe the image for people using screen readers.' },
    },
    { name: 'credit', type: 'text' },
  ],
}
