import type { RichTextField, TextareaField } from 'payload'

/** A plain-language summary for listings, cards and search results. */
export const summaryField = (overrides: Partial<TextareaField> = {}): TextareaField => ({
  name: 'summary',
  type: 'textarea',
  localized: true,
  maxLength: 1000,
  admin: { description: 'One or two sentences in plain language, shown in listings and search results.' },
  ...overrides,
})

/** Long-form prose, edited with Lexical (the editor is configured once in the Payload config). */
export const richTextField = (name: string, overrides: Partial<RichTextField> = {}): RichTextField => ({
  name,
  type: 'richText',
  localized: true,
  ...overrides,
})
