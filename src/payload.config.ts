import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { buildConfig, type CollectionSlug } from 'payload'
import sharp from 'sharp'

import { collections } from '../collections'
import { REVIEWED_COLLECTIONS } from '../collections/medicalReview'
import { reviewMutations, reviewQueries } from '../collections/medicalReview/graphql'
import { hasRole, STAFF_ROLES } from '../collections/access/roles'
import { timestampsAreServerOnly } from '../collections/access/timestamps'
import { SIGN_IN_REFUSED } from '../collections/Users/signIn'
import { invalidateCachedContent } from './cache'
import { openAPIEndpoint } from './contracts/endpoint'
import { databaseAdapter } from './database'
import { answerCallerMistakes, callerMistakesCaughtEarly } from './errors/callerMistakes'
import { emailAdapter } from './email'
import { documentImporter } from './importer'
import { importDocumentTask, notifyReviewEventTask, REVIEW_SCHEDULE_QUEUE, reviewScheduleTask } from './jobs'
import { frontEndAPI } from './frontendApi'
import { idsAreOpaque } from './contracts/ids'
import { graphQLForFrontEnds } from './http/graphQLSurface'
import { restrictPayloadInternals } from './payloadInternals'
import { publicationEvents, writePageSnapshots } from './publication'
import { indexForSearch, SearchIndex } from './search'
import { sitePreview } from './site/preview'
import { settings } from './settings'
import { storagePlugins } from './storage'
import { queueWebhookDeliveries, WEBHOOK_QUEUE, webhooks } from './webhooks'

// The project root, whether this runs from src/ or compiled into dist/ (scripts/build-server.mjs).
const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const srcDir = path.join(rootDir, 'src')

/** What the public reads: the reviewed clinical collections and the reference data they embed. */
const PUBLIC_CONTENT: CollectionSlug[] = [...REVIEWED_COLLECTIONS, 'specialties', 'references', 'media']

export default buildConfig({
  secret: settings.payloadSecret,
  serverURL: settings.serverURL,
  telemetry: false,
  admin: {
    user: 'users',
    meta: { titleSuffix: ' · Careline' },
    importMap: { baseDir: srcDir },
    components: { beforeDashboard: ['/admin/ReviewDashboard#ReviewDashboard'] },
    // Payload's own avatar: no request to Gravatar (a third party, unreachable offline, and sent
    // a hash of each staff member's e-mail address).
    avatar: 'default',
    // Bottom centre: toasts stay clear of the sidebar, whose review panel ends in the Submit /
    // Approve / Publish buttons (Payload's default, bottom right, covered them).
    toast: { position: 'bottom-center' },
  },
  collections: [...collections, SearchIndex],
  endpoints: [openAPIEndpoint],
  // A request's own mistakes that Payload would answer with a 500 get a 400 (src/errors).
  hooks: { afterError: [answerCallerMistakes] },
  editor: lexicalEditor(),
  // One answer to a refused sign-in, whether the account is unknown, the password wrong or the
  // account locked (collections/Users/signIn.ts).
  i18n: { translations: { en: { error: { emailOrPasswordIncorrect: SIGN_IN_REFUSED, userLocked: SIGN_IN_REFUSED } } } },
  db: await databaseAdapter(),
  localization: {
    locales: [
      { code: 'en', label: 'English' },
      { code: 'es', label: 'Español' },
    ],
    defaultLocale: 'en',
    fallback: true,
  },
  // Browsers may call the API only from these origins (comma-separated env lists).
  cors: settings.corsOrigins,
  csrf: settings.csrfOrigins,
  graphQL: {
    queries: reviewQueries,
    mutations: reviewMutations,
    maxComplexity: 1000,
    disablePlaygroundInProduction: true,
    schemaOutputFile: path.join(rootDir, 'schema.graphql'),
  },
  typescript: {
    autoGenerate: false,
    // Ids are `number | string` in the generated types and the OpenAPI document (src/contracts/ids.ts).
    schema: [idsAreOpaque],
    outputFile: path.join(srcDir, 'payload-types.ts'),
  },
  jobs: {
    tasks: [importDocumentTask, notifyReviewEventTask, reviewScheduleTask],
    // The server runs queued jobs (imports, review e-mail; webhook deliveries in their own queue)
    // every 10 seconds, and checks the daily re-review schedule every minute; see src/runtime.ts.
    // JOBS_AUTORUN=false leaves the jobs to another process (a dedicated worker, or a test).
    shouldAutoRun: () => settings.jobsAutorun,
    autoRun: [
      { cron: '*/10 * * * * *', queue: 'default', limit: 5 },
      { cron: '0 * * * * *', queue: REVIEW_SCHEDULE_QUEUE, limit: 1 },
      { cron: '*/10 * * * * *', queue: WEBHOOK_QUEUE, limit: 10 },
    ],
    access: {
      queue: ({ req }) => hasRole(req.user, ...STAFF_ROLES),
      run: ({ req }) => hasRole(req.user, 'admin'),
      cancel: ({ req }) => hasRole(req.user, 'admin'),
    },
  },
  email: emailAdapter(),
  sharp,
  plugins: [
    ...storagePlugins(),
    // What the public reads changed: re-render the pages it shows on, update the search index,
    // drop cached answers (every replica) and notify webhooks.
    publicationEvents({
      collections: PUBLIC_CONTENT,
      subscribers: [writePageSnapshots, indexForSearch, invalidateCachedContent, queueWebhookDeliveries],
    }),
    frontEndAPI(),
    // An upload to the imports collection is checked as a document the importer can read.
    documentImporter(),
    sitePreview(),
    // Public addresses only, but for the internal hosts an operator allows (WEBHOOK_ALLOWED_HOSTS).
    webhooks({ collections: PUBLIC_CONTENT, allowedHosts: settings.webhookAllowedHosts }),
    // Last, so it sees every collection: what Payload 3.90 would answer with a 5xx although the
    // request is at fault is refused first with a 400 or 404 (src/errors/callerMistakes.ts).
    callerMistakesCaughtEarly(),
  ],
})
  .then(restrictPayloadInternals)
  .then(graphQLForFrontEnds)
  .then(timestampsAreServerOnly)
