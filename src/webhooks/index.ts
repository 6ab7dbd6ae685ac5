/**
 * Outgoing webhooks: other systems are told, by a signed POST, when content is published,
 * unpublished or deleted. A newcomer finds all of it here:
 * - `Webhooks.ts`: where to send what (admin-only; the secret is write-only);
 * - `queueWebhookDeliveries.ts`: the src/publication subscriber that queues one job per webhook,
 *   in the same transaction as the change;
 * - `deliverWebhookTask.ts`: the Payload job that sends it, logs the attempt and fails so that
 *   Payload retries it with exponential backoff;
 * - `deliver.ts`: one HTTP attempt (JSON body, headers, timeout); `signing.ts`: the HMAC-SHA256
 *   signature and how a receiver verifies it;
 * - `targets.ts`: public addresses only (no loopback, private, link-local... unless the operator
 *   allows the host), checked on save and again, after DNS, on every delivery;
 * - `WebhookDeliveries.ts`: the delivery log, one row per attempt.
 *
 * The plugin below adds the two collections and the job task together (none works without the
 * others); the config also hands `queueWebhookDeliveries` to `publicationEvents`.
 */
import type { CollectionSlug, Config, Plugin } from 'payload'

import { deliverWebhookTask } from './deliverWebhookTask'
import { WebhookDeliveries } from './WebhookDeliveries'
import { webhooksCollection } from './Webhooks'

export interface WebhooksOptions {
  /** The collections whose changes are announced: what a webhook may be limited to. */
  collections: readonly CollectionSlug[]
  /**
   * Host names webhooks may reach although they are internal (WEBHOOK_ALLOWED_HOSTS, read once in
   * src/settings); checked on save and on every delivery (`targets.ts`).
   */
  allowedHosts: readonly string[]
}

export const webhooks =
  ({ collections, allowedHosts }: WebhooksOptions): Plugin =>
  (config: Config): Config => ({
    ...config,
    collections: [...(config.collections ?? []), webhooksCollection(collections, { allowedHosts }), WebhookDeliveries],
    jobs: { ...config.jobs, tasks: [...(config.jobs?.tasks ?? []), deliverWebhookTask({ allowedHosts })] },
  })

export { queueWebhookDeliveries } from './queueWebhookDeliveries'
export { DELIVER_WEBHOOK_TASK, DELIVERY_RETRIES, MAX_DELIVERY_ATTEMPTS, WEBHOOK_QUEUE } from './deliverWebhookTask'
export { WEBHOOK_DELIVERIES } from './WebhookDeliveries'
export { checkWebhookURL, WEBHOOKS } from './Webhooks'
export { internalAddressKind, webhookTargetRefusal } from './targets'
export { sendWebhook } from './deliver'
export * from './signing'
