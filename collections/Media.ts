import type { CollectionBeforeOperationHook, CollectionConfig } from 'payload'

import { Refusal, TooLarge } from '../src/errors'
import { settings } from '../src/settings'
import { anyone } from './access/anyone'
import { isAdmin } from './access/isAdmin'
import { isStaff } from './access/isStaff'
import { isReviewerOrAdmin } from './access/reviewerOrAdmin'

/** The image types media may hold, with the extension a stored file gets. */
const IMAGE_TYPES = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/gif': 'gif',
} as const
type ImageType = keyof typeof IMAGE_TYPES

const ascii = (bytes: Buffer, start: number, end: number) => bytes.subarray(start, end).toString('latin1')

/**
 * The image type a file's first bytes (its magic number) say it is, or undefined. The name and
 * the Content-Type the browser declared are not looked at: both are the uploader's to choose.
 */
export function sniffImageType(bytes: Buffer): ImageType | undefined {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png'
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg'
  if (bytes.length >= 6 && (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a')) return 'image/gif'
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'image/webp'
  if (bytes.length >= 16 && ascii(bytes, 4, 8) === 'ftyp') {
    // ISO base media: the major brand, then the compatible brands, inside the ftyp box.
    const boxEnd = Math.min(bytes.readUInt32BE(0), bytes.length)
    for (let offset = 8; offset + 4 <= boxEnd; offset += offset === 8 ? 8 : 4) {
      const brand = ascii(bytes, offset, offset + 4)
      if (brand === 'avif' || brand === 'avis') return 'image/avif'
    }
  }
  return undefined
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1048576) * 100) / 100} MB`

/**
 * Payload's own check detects types from content, but a file it cannot identify (HTML, plain
 * text) falls back to the extension, so an HTML page named .png would pass. Here the content
 * decides: anything that is not one of IMAGE_TYPES is refused with 415, whatever its name, and
 * an image named with the wrong extension is stored under its real type and extension. Files
 * over MEDIA_MAX_MB get 413.
 */
const onlyRealImages: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  const file = req.file
  if ((operation !== 'create' && operation !== 'update') || !file) return args
  const maxBytes = settings.mediaMaxBytes
  if (file.size > maxBytes) {
    throw new TooLarge(`The image is ${megabytes(file.size)}; images may be at most ${megabytes(maxBytes)} (MEDIA_MAX_MB).`)
  }
  const type = sniffImageType(file.data ?? Buffer.alloc(0))
  if (!type) {
    throw new Refusal(
      `"${file.name}" is not a PNG, JPEG, WebP, AVIF or GIF image (its content was checked, not its name or declared type). SVG and other documents are not accepted; export the image as PNG or JPEG.`,
      415,
    )
  }
  const extension = IMAGE_TYPES[type]
  const base = file.name.replace(/\.[^./\\]*$/, '') || 'image'
  file.mimetype = type
  if (!file.name.toLowerCase().endsWith(`.${extension}`) && !(type === 'image/jpeg' && /\.jpe?g$/i.test(file.name))) file.name = `${base}.${extension}`
  return args
}

/** Stored files are data, never a document that could run script on this origin. */
const MEDIA_FILE_HEADERS = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'; sandbox",
  'x-content-type-options': 'nosniff',
}

/** Images for medical content. Stored on local disk, or in S3 when configured (src/storage.ts). */
export const Media: CollectionConfig = {
  slug: 'media',
  labels: { singular: 'Image', plural: 'Media' },
  admin: { group: 'Reference data' },
  // Shown inside reviewed pages: changing it is for reviewers (see isReviewerOrAdmin).
  access: { read: anyone, create: isStaff, update: isReviewerOrAdmin, delete: isAdmin },
  upload: {
    staticDir: 'media',
    mimeTypes: Object.keys(IMAGE_TYPES),
    modifyResponseHeaders: ({ headers }) => {
      for (const [name, value] of Object.entries(MEDIA_FILE_HEADERS)) headers.set(name, value)
      // Anything that is not one of our image types (a file stored before these checks) downloads.
      if (!(headers.get('content-type') ?? '').split(';')[0].trim().match(/^image\/(png|jpeg|webp|avif|gif)$/)) headers.set('content-disposition', 'attachment')
      return headers
    },
  },
  hooks: {
    beforeOperation: [onlyRealImages],
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
