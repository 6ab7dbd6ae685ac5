import type { CollectionAfterChangeHook, CollectionBeforeChangeHook, CollectionConfig, CollectionSlug, TextFieldSingleValidation } from 'payload'

import { isAdmin } from '../../collections/access/isAdmin'
import type { PublicationEvent } from '../publication'
import { generateSecret } from './signing'
import { literalTargetRefusal, type TargetPolicy, webhookTargetRefusal } from './targets'

export const WEBHOOKS = 'webhooks'

export const WEBHOOK_EVENTS: { label: string; value: PublicationEvent }[] = [
  { label: 'Published (or re-published)', value: 'publish' },
  { label: 'Unpublished', value: 'unpublish' },
  { label: 'Deleted', value: 'delete' },
]

const MIN_SECRET_LENGTH = 16
const MAX_SECRET_LENGTH = 256

/** Messages a person can act on; `true` when the address can take deliveries. */
export function checkWebhookURL(value: unknown): true | string {
  const example = 'e.g. https://example.org/hooks/careline'
  if (typeof value !== 'string' || !value) return `Enter the address to send events to, ${example}.`
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return `"${value}" is not a web address. Enter a full address starting with https:// or http://, ${example}.`
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return `Webhooks are sent over HTTP: the address must start with https:// or http://, not ${url.protocol}//.`
  }
  if (!url.hostname) return `The address has no host name; ${example}.`
  // fetch() refuses these, and credentials in a URL end up in logs; the signature authenticates.
  if (url.username || url.password) return 'Remove the user name and password from the address: receivers check the signature instead.'
  return true
}

/**
 * The address, then where it leads: an internal target (targets.ts) is refused. The DNS lookup is
 * made on save, not on each keystroke in the admin. An update that leaves the URL as it was is
 * not checked again: an admin must still be able to rename or switch off a webhook whose host
 * has since moved inside (each delivery refuses it anyway).
 */
const validateURL =
  (policy: TargetPolicy): TextFieldSingleValidation =>
  async (value, { event, operation, previousValue }) => {
    const format = checkWebhookURL(value)
    if (format !== true) return format
    if (operation === 'update' && value === previousValue) return true
    const url = new URL(value as string)
    const refusal = event === 'submit' ? await webhookTargetRefusal(url, policy) : literalTargetRefusal(url, policy)
    return refusal ?? true
  }

const validateSecret: TextFieldSingleValidation = (value) => {
  if (value === undefined || value === null || value === '') return true
  if (value.length < MIN_SECRET_LENGTH) return `A signing secret needs at least ${MIN_SECRET_LENGTH} characters. Leave it empty to have one generated.`
  if (value.length > MAX_SECRET_LENGTH) return `A signing secret can have at most ${MAX_SECRET_LENGTH} characters.`
  return true
}

/** Set on the request while a create generated the secret, so the answer can show it once. */
const GENERATED_SECRET = 'careline.webhooks.generatedSecret'

/**
 * The secret is write-only. `secret` (virtual, never stored) takes it in; the stored copy,
 * `signingSecret`, is hidden from every API and read only by the delivery job. Empty on create:
 * one is generated and returned in that create answer alone. Empty on update: the current one
 * stays. Typed in: it replaces the current one.
 */
const storeSecret: CollectionBeforeChangeHook = ({ context, data, operation }) => {
  const given = typeof data.secret === 'string' && data.secret !== '' ? data.secret : undefined
  // Updates carry the current secret over (as any field not sent); leave it be.
  if (!given && operation !== 'create') return data
  const secret = given ?? generateSecret()
  if (!given) context[GENERATED_SECRET] = secret
  return { ...data, signingSecret: secret, secretHint: `…${secret.slice(-4)}` }
}

const showGeneratedSecretOnce: CollectionAfterChangeHook = ({ context, doc, operation }) => {
  const generated = context[GENERATED_SECRET]
  if (operation !== 'create' || typeof generated !== 'string') return doc
  delete context[GENERATED_SECRET]
  return { ...doc, secret: generated }
}

/**
 * Where to send publication events, configured by admins. Deliveries (src/webhooks/deliver*)
 * are signed with the webhook's secret and logged in `webhook-deliveries`.
 */
export const webhooksCollection = (collections: readonly CollectionSlug[], policy: TargetPolicy): CollectionConfig => ({
  slug: WEBHOOKS,
  labels: { singular: 'Webhook', plural: 'Webhooks' },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'url', 'events', 'active', 'updatedAt'],
    group: 'Integrations',
    description: 'Other systems told when content is published, unpublished or deleted: a signed POST request per event.',
  },
  access: { read: isAdmin, create: isAdmin, update: isAdmin, delete: isAdmin },
  hooks: { beforeChange: [storeSecret], afterChange: [showGeneratedSecretOnce] },
  fields: [
    { name: 'name', type: 'text', required: true, maxLength: 120 },
    {
      name: 'url',
      label: 'URL',
      type: 'text',
      required: true,
      maxLength: 2000,
      validate: validateURL(policy),
      hooks: { beforeValidate: [({ value }) => (typeof value === 'string' ? value.trim() : value)] },
      admin: { description: 'Receives a POST with a JSON body for each event, e.g. https://example.org/hooks/careline.' },
    },
    {
      name: 'events',
      type: 'select',
      hasMany: true,
      required: true,
      options: WEBHOOK_EVENTS,
      defaultValue: ['publish', 'unpublish', 'delete'],
    },
    {
      name: 'collections',
      type: 'select',
      hasMany: true,
      options: [...collections],
      admin: { description: 'Only changes in these collections. Empty: every public collection.' },
    },
    {
      name: 'secret',
      label: 'Signing secret',
      type: 'text',
      virtual: true,
      validate: validateSecret,
      admin: {
        readOnly: false,
        description:
          'Write-only: never shown after saving. Type one (16+ characters, e.g. from `openssl rand -hex 32`) and give it to the receiver; ' +
          'typing a new one later replaces it, leaving it empty keeps it. A new webhook saved without one gets a generated secret, ' +
          'shown once, in the answer to the create request (REST or GraphQL).',
      },
    },
    {
      name: 'signingSecret',
      type: 'text',
      hidden: true,
      access: { read: () => false, create: () => false, update: () => false },
    },
    {
      name: 'secretHint',
      type: 'text',
      admin: { readOnly: true, position: 'sidebar', description: 'The last characters of the current secret, to tell secrets apart.' },
      access: { create: () => false, update: () => false },
    },
    { name: 'active', type: 'checkbox', defaultValue: true, admin: { position: 'sidebar', description: 'Inactive webhooks are sent nothing.' } },
  ],
  timestamps: true,
})
