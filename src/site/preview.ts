import type { Config, Plugin } from 'payload'

/**
 * The admin's Preview button on conditions opens the public page of the draft
 * (`?preview=true`); the page shows the draft only to a signed-in staff session.
 */
export const sitePreview = (): Plugin => (config: Config): Config => ({
  ...config,
  collections: (config.collections ?? []).map((collection) =>
    collection.slug !== 'conditions'
      ? collection
      : {
          ...collection,
          admin: {
            ...collection.admin,
            preview: (doc, { locale }) =>
              typeof doc?.slug === 'string' ? `${locale === 'es' ? '/es' : ''}/conditions/${encodeURIComponent(doc.slug)}?preview=true` : null,
          },
        },
  ),
})
