/**
 * The background job behind the `imports` collection: imports the uploaded document as drafts
 * (never published: that is for a reviewer) and records the outcome on the import.
 */
import type { TaskConfig } from 'payload'

import { importDocument } from '../../seed/importer/importDocument'
import { ImportInputError } from '../../seed/importer/readDocument'

export const importDocumentTask: TaskConfig<{ input: { importId: string }; output: { status: string } }> = {
  slug: 'importDocument',
  label: 'Import a patient-education document',
  inputSchema: [{ name: 'importId', type: 'text', required: true }],
  outputSchema: [{ name: 'status', type: 'text', required: true }],
  retries: 0,
  handler: async ({ input, req }) => {
    const { payload } = req
    // A system task: it acts for the editor who uploaded, not for a request in flight.
    const upload = await payload.findByID({ collection: 'imports', id: input.importId, depth: 0, showHiddenFields: true })
    try {
      const report = await importDocument(payload, { fileName: upload.sourceName ?? 'document.txt', bytes: Buffer.from(upload.content ?? '', 'utf8') })
      await payload.update({
        collection: 'imports',
        id: upload.id,
        data: { status: 'done', condition: report.condition.id as number, summary: report.counts, changes: report.changes, error: null },
      })
      return { output: { status: 'done' } }
    } catch (error) {
      const message = error instanceof ImportInputError ? error.message : `The import failed: ${(error as Error).message}`
      await payload.update({ collection: 'imports', id: upload.id, data: { status: 'failed', error: message } })
      return { output: { status: 'failed' } }
    }
  },
}
