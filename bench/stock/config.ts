/**
 * The comparator: stock Payload 3.90.2 as a Payload user would configure it for this content,
 * with localization (en, es) and drafts, and a plain condition model (no Careline hooks, access
 * or review fields). Its database is named by STOCK_DATABASE_URI (a `file:` SQLite path or a
 * PostgreSQL URL); bench/stock/seed.ts pushes its schema and fills it, bench/stock/server.ts serves it.
 */
import { postgresAdapter } from '@payloadcms/db-postgres'
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { type Access, buildConfig, type CollectionConfig } from 'payload'

const uri = process.env.STOCK_DATABASE_URI
if (!uri) throw new Error('STOCK_DATABASE_URI is not set')

// Payload's templates' pattern: signed-in users read drafts, everyone else what is published.
const authenticatedOrPublished: Access = ({ req }) => (req.user ? true : { _status: { equals: 'published' } })
const authenticated: Access = ({ req }) => Boolean(req.user)

const content = (slug: string, extra: CollectionConfig['fields'] = []): CollectionConfig => ({
  slug,
  admin: { useAsTitle: 'name' },
  access: { read: authenticatedOrPublished, create: authenticated, update: authenticated, delete: authenticated },
  versions: { drafts: true },
  fields: [
    { name: 'name', type: 'text', required: true, localized: true },
    { name: 'slug', type: 'text', required: true, unique: true, index: true },
    { name: 'summary', type: 'textarea', localized: true },
    { name: 'description', type: 'richText', localized: true },
    ...extra,
  ],
})

export default buildConfig({
  secret: process.env.PAYLOAD_SECRET || 'stock-payload-bench-secret',
  editor: lexicalEditor(),
  db: uri.startsWith('file:') ? sqliteAdapter({ client: { url: uri } }) : postgresAdapter({ pool: { connectionString: uri } }),
  localization: { locales: ['en', 'es'], defaultLocale: 'en', fallback: true },
  telemetry: false,
  collections: [
    { slug: 'users', auth: true, fields: [] },
    content('symptoms'),
    content('treatments'),
    content('diagnostic-tests'),
    content('conditions', [
      { name: 'symptoms', type: 'relationship', relationTo: 'symptoms', hasMany: true },
      { name: 'treatments', type: 'relationship', relationTo: 'treatments', hasMany: true },
      { name: 'diagnosticTests', type: 'relationship', relationTo: 'diagnostic-tests', hasMany: true },
    ]),
  ],
})
