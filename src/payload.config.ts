import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { buildConfig } from 'payload'
import sharp from 'sharp'

import { collections } from '../collections'
import { databaseAdapter } from './database'
import { listFromEnv, settings } from './settings'
import { storagePlugins } from './storage'

const dirname = path.dirname(fileURLToPath(import.meta.url))

export default buildConfig({
  secret: settings.payloadSecret,
  serverURL: settings.serverURL,
  telemetry: false,
  admin: {
    user: 'users',
    meta: { titleSuffix: ' · Careline' },
    importMap: { baseDir: path.resolve(dirname) },
  },
  collections,
  editor: lexicalEditor(),
  db: databaseAdapter(),
  localization: {
    locales: [
      { code: 'en', label: 'English' },
      { code: 'es', label: 'Español' },
    ],
    defaultLocale: 'en',
    fallback: true,
  },
  // Browsers may call the API only from these origins (comma-separated env lists).
  cors: listFromEnv('CORS_ORIGINS', settings.serverURL ? [settings.serverURL] : []),
  csrf: listFromEnv('CSRF_ORIGINS', settings.serverURL ? [settings.serverURL] : []),
  graphQL: {
    maxComplexity: 1000,
    disablePlaygroundInProduction: true,
    schemaOutputFile: path.resolve(dirname, '../schema.graphql'),
  },
  typescript: {
    autoGenerate: false,
    outputFile: path.resolve(dirname, 'payload-types.ts'),
  },
  sharp,
  plugins: [...storagePlugins()],
})
