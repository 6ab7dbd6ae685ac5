import { type FieldHook, type RichTextField, type TextareaField, type TextField, ValidationError } from 'payload'

import { richTextToHTML } from '../../src/richText/html'
import { ALLOWED_LINKS_TEXT, findUnsafeLinks, quoteURL } from '../../src/richText/links'
import { derivedFrom } from './derived'

/** A plain-language summary for listings, cards and search results. */
export const summaryField = (overrides: Partial<TextareaField> = {}): TextareaField => ({
  name: 'summary',
  type: 'textarea',
  localized: true,
  maxLength: 1000,
  admin: { description: 'One or two sentences in plain language, shown in listings and search results.' },
  ...overrides,
})

/**
 * Refuses rich text holding a link that could run script or carry content of its own
 * (`javascript:`, `data:`...; src/richText/links.ts): a 400 naming the field and the link. Refused
 * rather than quietly turned into plain text: the editor learns which link to fix instead of
 * finding it gone, and an API caller learns its content was not taken as sent. Payload's link
 * drawer sends https, mailto, tel, relative and document links, all of which pass. A hook, not
 * `validate`: Payload skips validation for draft saves, and drafts are where content starts.
 */
const refuseUnsafeLinks: FieldHook = ({ collection, global, path, req, value }) => {
  const [first, ...more] = findUnsafeLinks(value)
  if (!first) return value
  const others = more.length ? ` (and ${more.length} more)` : ''
  const message =
    `The link ${first.text ? `"${first.text.slice(0, 60)}" ` : ''}goes to ${quoteURL(first.url)}${others}, which is not allowed: ` +
    `${ALLOWED_LINKS_TEXT}. Change the link's URL or remove the link.`
  const error = new ValidationError({ collection: collection?.slug, global: global?.slug, errors: [{ path: path.join('.'), message }], req }, req.t)
  // Payload's own message only names the field; this one says what to change.
  error.message = message
  throw error
}

/** Long-form prose, edited with Lexical (the editor is configured once in the Payload config). */
export const richTextField = (name: string, overrides: Partial<RichTextField> = {}): RichTextField => ({
  name,
  type: 'richText',
  localized: true,
  ...overrides,
  hooks: { ...overrides.hooks, beforeValidate: [refuseUnsafeLinks, ...(overrides.hooks?.beforeValidate ?? [])] },
})

/**
 * The HTML of a sibling rich-text field, for front ends that render HTML rather than Lexical
 * JSON: computed on read with Payload's own Lexical-to-HTML converter (text escaped, link URLs
 * sanitized; unsafe links never get past `refuseUnsafeLinks`), never stored, not shown in the
 * admin. Page snapshots (src/publication) keep it, so a page's HTML is rendered once, at publish.
 */
export const richTextHTMLField = (richTextName: string): TextField => ({
  name: `${richTextName}HTML`,
  type: 'text',
  virtual: true,
  ...derivedFrom(richTextName),
  admin: { hidden: true, readOnly: true },
  access: { create: () => false, update: () => false },
  hooks: {
    afterRead: [({ siblingData }) => richTextToHTML(siblingData?.[richTextName])],
  },
})
