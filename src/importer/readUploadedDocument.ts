import type { CollectionBeforeChangeHook } from 'payload'

import { Refusal } from '../errors'
import { decodeDocument, ImportInputError } from './readDocument'

/**
 * Checks the uploaded file is a document the importer can read (type, size, text, not binary)
 * and keeps its text, so a bad file is refused at upload with a message instead of failing later.
 * Added to the `imports` collection by the importer's plugin (plugin.ts).
 */
export const readUploadedDocument: CollectionBeforeChangeHook = ({ data, operation, req }) => {
  if (operation !== 'create') return data
  const file = req.file
  if (!file?.data) throw new Refusal('Attach the document to import (.txt, .md or .html).', 400)
  try {
    const { text } = decodeDocument(file.data, file.name)
    return { ...data, sourceName: file.name, content: text, status: 'queued', importedBy: req.user?.id }
  } catch (error) {
    if (error instanceof ImportInputError) throw new Refusal(error.message, 400)
    throw error
  }
}
