import { randomUUID } from 'node:crypto'

import type { PublicationSubscriber } from '../publication'
import { DELIVER_WEBHOOK_TASK, WEBHOOK_QUEUE } from './deliverWebhookTask'
import { WEBHOOKS } from './Webhooks'

/**
 * Queues one delivery job per active webhook that wants this event (and collection). It runs in
 * the write's transaction, and so do the jobs it queues (`req`): a write that rolls back leaves
 * no delivery behind, and one that commits cannot lose its deliveries. Sending happens later, in
 * the job, never while the editor waits.
 */
export const queueWebhookDeliveries: PublicationSubscriber = async (change, req) => {
  const { docs: webhooks } = await req.payload.find({
    collection: WEBHOOKS,
    where: { and: [{ active: { equals: true } }, { events: { in: [change.event] } }] },
    select: { collections: true },
    depth: 0,
    pagination: false,
    req,
  })
  for (const webhook of webhooks) {
    if (webhook.collections?.length && !(webhook.collections as string[]).includes(change.collection)) continue
    await req.payload.jobs.queue({
      task: DELIVER_WEBHOOK_TASK,
      queue: WEBHOOK_QUEUE,
      input: {
        webhookId: String(webhook.id),
        deliveryId: randomUUID(),
        event: change.event,
        collection: change.collection,
        document: { id: change.id, slug: change.slug },
        occurredAt: change.at,
      },
      req,
    })
  }
}
