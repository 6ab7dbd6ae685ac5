import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { buildConfig } from 'payload'
import sharp from 'sharp'

import { collections } from '../collections'
import { reviewMutations, reviewQueries } from '../collections/workflow/graphql'
import { hasRole, STAFF_ROLES } from '../collections/access/roles'
import { databaseAdapter } from './database'
import { emailAdapter } from './email'
import { importDocumentTask } from './jobs/importDocumentTask'
import { notifyReviewEventTask, REVIEW_SCHEDULE_QUEUE, reviewScheduleTask } from './jobs/reviewNotifications'
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
    components: { beforeDashboard: ['/admin/ReviewDashboard#ReviewDashboard'] },
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
    queries: reviewQueries,
    mutations: reviewMutations,
    maxComplexity: 1000,
    disablePlaygroundInProduction: true,
    schemaOutputFile: path.resolve(dirname, '../schema.graphql'),
  },
  typescript: {
    autoGenerate: false,
    outputFile: path.resolve(dirname, 'payload-types.ts'),
  },
  jobs: {
    tasks: [importDocumentTask, notifyReviewEventTask, reviewScheduleTask],
    // The server runs queued jobs (imports, review e-mail) every 10 seconds, and checks the daily
    // re-review schedule every minute; see src/runtime.ts.
    // JOBS_AUTORUN=false leaves the jobs to another process (a dedicated worker, or a test).
    shouldAutoRun: () => process.env.JOBS_AUTORUN !== 'false',
    autoRun: [
      { cron: '*/10 * * * * *', queue: 'default', limit: 5 },
      { cron: '0 * * * * *', queue: REVIEW_SCHEDULE_QUEUE, limit: 1 },
    ],
    access: {
      queue: ({ req }) => hasRole(req.user, ...STAFF_ROLES),
      run: ({ req }) => hasRole(req.user, 'admin'),
      cancel: ({ req }) => hasRole(req.user, 'admin'),
    },
  },
  email: emailAdapter(),
  sharp,
  plugins: [...storagePlugins()],
})
