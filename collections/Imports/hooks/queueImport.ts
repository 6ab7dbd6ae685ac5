import type { CollectionAfterChangeHook } from 'payload'

/** Hands a new upload to the background import job (src/jobs/importDocumentTask.ts). */
export const queueImport: CollectionAfterChangeHook = async ({ doc, operation, req }) => {
  if (operation === 'create') {
    await req.payload.jobs.queue({ task: 'importDocument', input: { importId: String(doc.id) }, req })
  }
  return doc
}
