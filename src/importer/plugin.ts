import type { CollectionConfig, Config, Plugin } from 'payload'

import { readUploadedDocument } from './readUploadedDocument'

/** The collection an editor uploads documents to (collections/Imports). */
const IMPORTS = 'imports'

/**
 * Plugs the importer into the admin's `imports` collection: an upload is checked as a document
 * the importer can read before it is saved (first, ahead of the collection's own hooks). The
 * collection then queues the `importDocument` job, which runs the importer (src/jobs). Added as a
 * plugin so the content model knows nothing of the importer.
 */
export const documentImporter =
  (): Plugin =>
  (config: Config): Config => {
    // Uploads left unchecked would fail later, in the job: refuse to start instead.
    if (!config.collections?.some((collection) => collection.slug === IMPORTS)) throw new Error(`documentImporter: no "${IMPORTS}" collection to check uploads for`)
    return {
      ...config,
      collections: config.collections.map((collection): CollectionConfig => {
        if (collection.slug !== IMPORTS) return collection
        return { ...collection, hooks: { ...collection.hooks, beforeChange: [readUploadedDocument, ...(collection.hooks?.beforeChange ?? [])] } }
      }),
    }
  }
