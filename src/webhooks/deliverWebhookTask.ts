/**
 * The job behind each delivery: POSTs one event to one webhook, appends the attempt to the
 * delivery log, and throws when the receiver did not take it, so Payload's job runner tries
 * again later with exponential backoff (`retries` below). Each attempt reads the webhook afresh:
 * a corrected URL or a new secret applies to the next retry, and a webhook made inactive or
 * deleted in the meantime is sent nothing more. A target inside the server's network is refused
 * here too (deliver.ts, targets.ts), whatever it resolved to when the webhook was saved.
 */
import type { TaskConfig } from 'payload'

import type { PublicationEvent } from '../publication'
import { sendWebhook } from './deliver'
import { WEBHOOK_DELIVERIES } from './WebhookDeliveries'
import { WEBHOOKS } from './Webhooks'

export const DELIVER_WEBHOOK_TASK = 'deliverWebhook'
/** Deliveries have their own queue, so a burst of publishes does not hold up imports and e-mail. */
export const WEBHOOK_QUEUE = 'webhooks'

/**
 * Retries after a failed attempt: Payload waits `delay * 2^(failures so far - 1)` before the next
 * one, i.e. 30 s, 1, 2, 4, 8, 16, 32 and 64 minutes: nine attempts over about two hours, long
 * enough to ride out a receiver's deploy or short outage.
 */
export const DELIVERY_RETRIES = { attempts: 8, backoff: { type: 'exponential' as const, delay: 30_000 } }
export const MAX_DELIVERY_ATTEMPTS = DELIVERY_RETRIES.attempts + 1

export interface DeliveryInput {
  webhookId: string
  deliveryId: string
  event: PublicationEvent
  collection: string
  document: { id: number | string; slug: string | null }
  occurredAt: string
}

export interface DeliveryOptions {
  /** Host names allowed although internal (WEBHOOK_ALLOWED_HOSTS, read in src/settings). */
  allowedHosts: readonly string[]
}

export const deliverWebhookTask = ({ allowedHosts }: DeliveryOptions): TaskConfig<{ input: DeliveryInput; output: { outcome: string; statusCode: number | null } }> => ({
  slug: DELIVER_WEBHOOK_TASK,
  label: 'Deliver a webhook',
  inputSchema: [
    { name: 'webhookId', type: 'text', required: true },
    { name: 'deliveryId', type: 'text', required: true },
    { name: 'event', type: 'text', required: true },
    { name: 'collection', type: 'text', required: true },
    { name: 'document', type: 'json', required: true },
    { name: 'occurredAt', type: 'text', required: true },
  ],
  outputSchema: [
    { name: 'outcome', type: 'text', required: true },
    { name: 'statusCode', type: 'number' },
  ],
  retries: DELIVERY_RETRIES,
  handler: async ({ input, job, req }) => {
    const { payload } = req
    // A system task: it reads the stored secret, which no API ever returns.
    const webhook = await payload.findByID({ collection: WEBHOOKS, id: input.webhookId, depth: 0, showHiddenFields: true, disableErrors: true })
    if (!webhook?.active || !webhook.signingSecret) return { output: { outcome: 'skipped', statusCode: null } }

    const attempt = (job.totalTried ?? 0) + 1
    const deliveredAt = new Date().toISOString()
    const result = await sendWebhook({
      url: webhook.url,
      allowedHosts,
      secret: webhook.signingSecret,
      attempt,
      body: { id: input.deliveryId, event: input.event, collection: input.collection, document: input.document, occurredAt: input.occurredAt },
    })
    const outcome = result.ok ? 'delivered' : attempt < MAX_DELIVERY_ATTEMPTS ? 'retrying' : 'failed'
    await payload.create({
      collection: WEBHOOK_DELIVERIES,
      data: {
        webhook: webhook.id,
        url: webhook.url,
        deliveryId: input.deliveryId,
        event: input.event,
        documentCollection: input.collection,
        documentId: String(input.document.id),
        attempt,
        outcome,
        statusCode: result.statusCode,
        responseTimeMs: result.responseTimeMs,
        error: result.error,
        deliveredAt,
      },
    })
    if (!result.ok) throw new Error(`Webhook "${webhook.name}" (${webhook.url}), attempt ${attempt}: ${result.error}`)
    return { output: { outcome, statusCode: result.statusCode } }
  },
})
