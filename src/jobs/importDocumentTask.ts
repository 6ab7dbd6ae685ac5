/**
 * The background job behind the `imports` collection: imports the uploaded document as drafts
 * written by the person who uploaded it (never published: that is for a reviewer), submits the
 * condition for medical review as one bundle with the records it links to, and records the
 * outcome on the import.
 */
import type { TaskConfig } from 'payload'

import { idOf } from '../../collections/fields/relationships'
import { importDocument, ImportInputError, submitImportForReview } from '../importer'

export const importDocumentTask: TaskConfig<{ input: { importId: string }; output: { status: string } }> = {
  slug: 'importDocument',
  label: 'Import a patient-education document',
  inputSchema: [{ name: 'importId', type: 'text', required: true }],
  outputSchema: [{ name: 'status', type: 'text', required: true }],
  retries: 0,
  handler: async ({ input, req }) => {
    const { payload } = req
    // A system task reading its own record; the writes below are the uploader's.
    const upload = await payload.findByID({ collection: 'imports', id: input.importId, depth: 0, showHiddenFields: true })
    const uploaderId = idOf(upload.importedBy)
    const uploader = uploaderId == null ? null : await payload.findByID({ collection: 'users', id: uploaderId, depth: 0, disableErrors: true })
    try {
      if (!uploader) throw new ImportInputError('The person who uploaded this document no longer has an account; upload it again.')
      const user = uploader as unknown as Record<string, unknown> & { id: number | string }
      const report = await importDocument(payload, { fileName: upload.sourceName ?? 'document.txt', bytes: Buffer.from(upload.content ?? '', 'utf8'), user })
      const notSubmitted = await submitImportForReview(payload, user, report, idOf(upload.reviewer))
      await payload.update({
        collection: 'imports',
        id: upload.id,
        data: { status: 'done', condition: report.condition.id as number, summary: report.counts, changes: report.changes, error: notSubmitted },
      })
      return { output: { status: 'done' } }
    } catch (error) {
      const message = error instanceof ImportInputError ? error.message : `The import failed: ${(error as Error).message}`
      await payload.update({ collection: 'imports', id: upload.id, data: { status: 'failed', error: message } })
      return { output: { status: 'failed' } }
    }
  },
}
