/**
 * The background job behind the `imports` collection: imports the uploaded document as drafts
 * written by the person who uploaded it (never published: that is for a reviewer), submits the
 * condition for medical review as one bundle with the records it links to, and records the
 * outcome on the import.
 */
import { createLocalReq, type Payload, type TaskConfig } from 'payload'

import { applyReviewTransition, reviewStatus } from '../../collections/workflow'
import type { ReviewedCollection } from '../../collections/workflow/transition'
import { importDocument, type ImportReport } from '../../seed/importer/importDocument'
import { ImportInputError } from '../../seed/importer/readDocument'

const idOf = (value: unknown) => (value && typeof value === 'object' ? (value as { id: number | string }).id : (value as number | string | null | undefined))

/**
 * Puts what the import wrote in front of a reviewer, as the uploader: the condition with its
 * linked drafts as one bundle; when the condition itself did not change, each changed record.
 * Returns why it could not, if it could not (the drafts are kept either way).
 */
async function submitForReview(payload: Payload, user: Record<string, unknown> & { id: number | string }, report: ImportReport, reviewer: unknown) {
  const req = await createLocalReq({ user: { ...user, collection: 'users' } as never }, payload)
  const submittable = new Set(['draft', 'changes_requested', 'unpublished'])
  const root = { collection: 'conditions' as ReviewedCollection, id: report.condition.id }
  try {
    const { stage } = await reviewStatus({ req, ...root })
    if (submittable.has(stage)) {
      await applyReviewTransition({ req, ...root, action: 'submit', reviewer })
      return null
    }
    for (const record of report.records) {
      const status = await reviewStatus({ req, collection: record.collection, id: record.id })
      if (submittable.has(status.stage)) await applyReviewTransition({ req, collection: record.collection, id: record.id, action: 'submit', reviewer })
    }
    return null
  } catch (error) {
    return `Imported as drafts, but not submitted for review: ${(error as Error).message}`
  }
}

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
      const notSubmitted = await submitForReview(payload, user, report, idOf(upload.reviewer) ?? undefined)
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
