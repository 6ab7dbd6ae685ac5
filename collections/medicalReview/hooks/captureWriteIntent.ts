import type { CollectionBeforeOperationHook } from 'payload'

import { WorkflowRefusal } from '../rules'
import { enforcing } from '../refusals'
import { docKey, reviewNotesOf } from '../requestNotes'

/**
 * Notes what a write intends before Payload merges it: whether it is a draft save (the public
 * copy stays) or a write to the live document, and which revision the client's copy was based
 * on. Collection hooks later in the operation cannot tell these apart on their own.
 */
export const captureWriteIntent: CollectionBeforeOperationHook = ({ args, collection, operation, req }) =>
  enforcing(() => {
    if (operation === 'restoreVersion') {
      if (!args.draft) {
        throw new WorkflowRefusal('unreviewed-change', 'Restore an earlier version as a draft, then submit it for review; it cannot go live unreviewed.', 403)
      }
      reviewNotesOf(req).writeIntents.set(docKey(collection.slug, null), { draft: true })
      return args
    }
    if (operation !== 'update') return args
    const sent = (args.data as { revision?: unknown } | undefined)?.revision
    const baseRevision = sent === undefined || sent === null || sent === '' ? undefined : Number(sent)
    if (baseRevision !== undefined && !Number.isInteger(baseRevision)) {
      throw new WorkflowRefusal('bad-request', '`revision` must be the whole number you read with the document.', 400)
    }
    reviewNotesOf(req).writeIntents.set(docKey(collection.slug, (args as { id?: number | string }).id ?? null), { draft: Boolean(args.draft), baseRevision })
    return args
  })
