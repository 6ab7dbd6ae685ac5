import type { CollectionConfig } from 'payload'

import { isAdmin } from '../../collections/access/isAdmin'
import { storedReference } from '../../collections/fields/storedReference'
import { WEBHOOK_EVENTS, WEBHOOKS } from './Webhooks'

export const WEBHOOK_DELIVERIES = 'webhook-deliveries'

export const DELIVERY_OUTCOMES = [
  { label: 'Delivered', value: 'delivered' },
  { label: 'Failed, will retry', value: 'retrying' },
  { label: 'Failed, gave up', value: 'failed' },
] as const

/**
 * The delivery log: one row per attempt, written by the delivery job alone (through the Local
 * API). Admins read it to see what a receiver was sent and what it answered; nobody can change it
 * over REST or GraphQL.
 */
export const WebhookDeliveries: CollectionConfig = {
  slug: WEBHOOK_DELIVERIES,
  labels: { singular: 'Webhook delivery', plural: 'Webhook deliveries' },
  admin: {
    useAsTitle: 'deliveryId',
    defaultColumns: ['deliveredAt', 'webhook', 'event', 'documentCollection', 'documentId', 'attempt', 'statusCode', 'outcome'],
    group: 'Integrations',
    description: 'Every attempt to deliver a webhook, with what the receiver answered.',
  },
  defaultSort: '-deliveredAt',
  access: { read: isAdmin, create: () => false, update: () => false, delete: () => false },
  graphQL: { disableMutations: true },
  fields: [
    { name: 'webhook', type: 'relationship', relationTo: WEBHOOKS, index: true },
    { name: 'url', label: 'URL', type: 'text', admin: { description: 'Where this attempt was sent (the webhook may have changed since).' } },
    {
      name: 'deliveryId',
      type: 'text',
      required: true,
      index: true,
      admin: { description: 'Sent as X-Careline-Delivery; the same on every attempt of one delivery.' },
    },
    { name: 'event', type: 'select', required: true, options: WEBHOOK_EVENTS },
    { name: 'documentCollection', type: 'text', required: true },
    { name: 'documentId', type: 'text', required: true, ...storedReference({ kind: 'document', collectionIn: 'documentCollection' }) },
    { name: 'attempt', type: 'number', required: true, min: 1 },
    { name: 'outcome', type: 'select', required: true, index: true, options: [...DELIVERY_OUTCOMES] },
    { name: 'statusCode', type: 'number', admin: { description: "The receiver's HTTP status; empty when no answer came." } },
    { name: 'responseTimeMs', label: 'Response time (ms)', type: 'number' },
    { name: 'error', type: 'textarea' },
    { name: 'deliveredAt', type: 'date', required: true, index: true, admin: { date: { pickerAppearance: 'dayAndTime' }, description: 'When this attempt was sent.' } },
  ],
  timestamps: true,
}
