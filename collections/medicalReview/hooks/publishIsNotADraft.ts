import type { CollectionBeforeOperationHook } from 'payload'

/**
 * Payload writes the live document, not a draft, when an update asks for `draft` but sends
 * `_status: 'published'`. Say so before `captureWriteIntent` reads the write's intent, so that
 * such a request is held to the publishing rules instead of passing as a draft save.
 */
export const publishIsNotADraft: CollectionBeforeOperationHook = ({ args, operation }) => {
  if (operation === 'update' && args.draft && (args.data as { _status?: unknown } | undefined)?._status === 'published') {
    return { ...args, draft: false }
  }
  return args
}
