/**
 * Settings: every environment variable Careline reads, in one list (`VARIABLES` below: name,
 * default, check, meaning), read and checked once per process by `loadSettings`. Code reads the
 * memoised `settings`; nothing else in src/, collections/ or seed/ reads `process.env` for
 * configuration. README.md's table and .env.example list exactly these variables, and
 * tests/settings.test.ts holds them to it. A bad value stops start-up with a ConfigurationError
 * naming the variable, rather than failing on the first request that reads it.
 *
 * Exempt, and why:
 * - NODE_ENV as Next.js, React and Payload read it themselves (Careline's own checks use
 *   `settings.production`), and NEXT_PHASE, which `next build` sets (its prerender loads the
 *   config but signs nothing, so it needs no production secret);
 * - scripts/, bench/ and tests/: development tooling, which choose the variables of the servers
 *   and databases they start. The tooling variables an operator may meet are documented beside
 *   the others and listed in `TOOLING_VARIABLES`, so the documentation check still sees them.
 *
 * Tests that change a variable in their own process call `reloadSettings()` (tests/helpers/payload.ts
 * does, before opening Payload).
 */

export class ConfigurationError extends Error {
  override name = 'ConfigurationError'
}

type Env = Record<string, string | undefined>

const DEVELOPMENT_SECRET = 'careline-development-secret-not-for-production'
/** Values copied from examples that must never sign production sessions. */
const KNOWN_DEFAULT_SECRETS = new Set([DEVELOPMENT_SECRET, 'change-me', 'changeme', 'secret', 'YOUR_SECRET_HERE'])
const MIN_SECRET_LENGTH = 32

/** Production refuses a missing, example or short secret; elsewhere a fixed development secret is used. */
export function resolvePayloadSecret(env: Env = process.env): string {
  const secret = env.PAYLOAD_SECRET?.trim()
  // `next build` loads the config to prerender the admin shell but signs nothing.
  const building = env.NEXT_PHASE === 'phase-production-build'
  if (env.NODE_ENV !== 'production' || building) return secret || DEVELOPMENT_SECRET
  if (!secret) {
    throw new ConfigurationError('PAYLOAD_SECRET is not set. Production needs a random secret of at least 32 characters, e.g. `openssl rand -hex 32`.')
  }
  if (KNOWN_DEFAULT_SECRETS.has(secret) || secret.length < MIN_SECRET_LENGTH) {
    throw new ConfigurationError(`PAYLOAD_SECRET is a default or shorter than ${MIN_SECRET_LENGTH} characters. Set a random one, e.g. \`openssl rand -hex 32\`.`)
  }
  return secret
}

export function resolvePort(raw: string | undefined = process.env.PORT): number {
  if (raw === undefined || raw === '') return 3000
  const port = Number(raw)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigurationError(`PORT must be a whole number from 0 to 65535, not "${raw}".`)
  }
  return port
}

/** A rate limit: at most `limit` requests per `windowMs`; a limit of 0 turns it off. */
export interface RateLimitSetting {
  limit: number
  windowMs: number
}

const WINDOW_UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000 }

/**
 * Reads a rate limit written as `COUNT/WINDOW`, e.g. `10/1m`, `5/1h`, `300/60s` (`/m` means
 * `/1m`); `0` turns the limit off.
 */
export function resolveRateLimit(name: string, fallback: string, env: Env = process.env): RateLimitSetting {
  const raw = env[name]?.trim() || fallback
  if (raw === '0') return { limit: 0, windowMs: 60_000 }
  const match = raw.match(/^(\d+)\s*\/\s*(\d*)\s*([smh])$/)
  const limit = Number(match?.[1])
  const windowMs = Number(match?.[2] || 1) * WINDOW_UNITS[match?.[3] ?? '']
  if (!match || !Number.isSafeInteger(limit) || !(windowMs > 0)) {
    throw new ConfigurationError(`${name} must look like COUNT/WINDOW, e.g. "10/1m", "5/1h" or "300/60s" (0 turns it off), not "${raw}".`)
  }
  return { limit, windowMs }
}

/** A whole number of at least `min` (1 unless said), e.g. a GraphQL limit. */
export function resolveWholeNumber(name: string, fallback: number, env: Env = process.env, min = 1): number {
  const raw = env[name]?.trim()
  if (!raw) return fallback
  const value = Number(raw)
  if (!Number.isSafeInteger(value) || value < min) throw new ConfigurationError(`${name} must be a whole number of at least ${min}, not "${raw}".`)
  return value
}

/**
 * Host names (or IP addresses) that webhooks may reach although they are internal (loopback,
 * private, link-local...), from WEBHOOK_ALLOWED_HOSTS, e.g. `hooks.internal,10.0.0.5`. Empty by
 * default: webhooks go to public addresses only (src/webhooks/targets.ts). Each entry is kept in
 * the form a URL's host name takes (lower case, IPv6 in brackets, no trailing dot), so that a
 * webhook URL is compared with it as is.
 */
export function resolveWebhookAllowedHosts(env: Env = process.env): string[] {
  const raw = env.WEBHOOK_ALLOWED_HOSTS ?? ''
  return raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      // A bare IPv6 address is written without brackets; a URL needs them.
      const host = entry.includes(':') && !entry.startsWith('[') ? `[${entry}]` : entry
      let url: URL | undefined
      try {
        url = new URL(`http://${host}/`)
      } catch {
        url = undefined
      }
      // Anything beyond a host (scheme, port, path, user) changes the URL's canonical form.
      if (!url || url.href !== `http://${url.hostname}/`) {
        throw new ConfigurationError(
          `WEBHOOK_ALLOWED_HOSTS must list host names or IP addresses separated by commas, without scheme, port or path (e.g. "hooks.internal,10.0.0.5"), not "${entry}".`,
        )
      }
      return url.hostname.replace(/\.$/, '')
    })
}

// Checks shared by the list below. Each gets the variable's value (undefined when unset or
// empty: an empty variable means its default), its name for the message, and the whole
// environment for defaults that follow another variable.
type Check<T> = (raw: string | undefined, name: string, env: Env) => T

const text: Check<string | undefined> = (raw) => raw

const textOr =
  (fallback: string): Check<string> =>
  (raw) =>
    raw ?? fallback

const flag =
  (fallback: boolean | ((env: Env) => boolean)): Check<boolean> =>
  (raw, name, env) => {
    if (raw === undefined) return typeof fallback === 'function' ? fallback(env) : fallback
    if (raw === 'true' || raw === 'false') return raw === 'true'
    throw new ConfigurationError(`${name} must be true or false, not "${raw}".`)
  }

const wholeNumber =
  (fallback: number, min: number): Check<number> =>
  (_raw, name, env) =>
    resolveWholeNumber(name, fallback, env, min)

const seconds =
  (fallback: number): Check<number> =>
  (raw, name) => {
    const value = raw === undefined ? fallback : Number(raw)
    if (!Number.isInteger(value) || value < 0) throw new ConfigurationError(`${name} must be a whole number of seconds, not "${raw}".`)
    return value
  }

/** Megabytes as bytes; `zero` says what 0 means when it is allowed. */
const megabytes =
  (fallback: number, zero?: string): Check<number> =>
  (raw, name) => {
    const value = raw === undefined ? fallback : Number(raw)
    if (zero ? !(value >= 0) : !(value > 0)) {
      throw new ConfigurationError(zero ? `${name} must be a number of megabytes (${zero}), not "${raw}".` : `${name} must be a positive number of megabytes, not "${raw}".`)
    }
    return Math.round(value * 1024 * 1024)
  }

/** An http(s) origin or URL, without trailing slashes. */
const httpURL: Check<string | undefined> = (raw, name) => {
  if (raw === undefined) return undefined
  let url: URL | undefined
  try {
    url = new URL(raw)
  } catch {
    url = undefined
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) throw new ConfigurationError(`${name} must be an http:// or https:// URL, not "${raw}".`)
  return raw.replace(/\/+$/, '')
}

/** A comma-separated list, e.g. `CORS_ORIGINS=https://www.example.org,https://app.example.org`; SERVER_URL by default. */
const originList: Check<string[]> = (raw, _name, env) => {
  const list = (raw ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
  return list.length ? list : [serverURLOf(env)]
}

const serverURLOf = (env: Env) => httpURL(env.SERVER_URL || undefined, 'SERVER_URL', env) || `http://localhost:${resolvePort(env.PORT)}`

const rateLimit =
  (fallback: string): Check<RateLimitSetting> =>
  (_raw, name, env) =>
    resolveRateLimit(name, fallback, env)

interface Variable<T> {
  /** The variable in the environment. */
  name: string
  /** What an unset or empty variable means, as the README's table says it. */
  fallback: string
  /** One line: what it is for. */
  meaning: string
  check: Check<T>
}

const variable = <T>(name: string, fallback: string, meaning: string, check: Check<T>): Variable<T> => ({ name, fallback, meaning, check })

/** Every variable Careline reads: the one list. README.md and .env.example document exactly these. */
export const VARIABLES = {
  // The process
  nodeEnv: variable('NODE_ENV', 'unset', 'development, production or test', (raw, name) => {
    if (raw === undefined || raw === 'development' || raw === 'production' || raw === 'test') return raw
    throw new ConfigurationError(`${name} must be development, production or test, not "${raw}".`)
  }),
  port: variable('PORT', '3000', 'port to listen on (0: any free port)', (raw) => resolvePort(raw)),
  host: variable('HOST', 'unset (every interface)', 'address to listen on', text),
  serverURL: variable('SERVER_URL', 'http://localhost:$PORT', 'public origin of this service; default of CORS and CSRF', (_raw, _name, env) => serverURLOf(env)),
  payloadSecret: variable('PAYLOAD_SECRET', 'a development secret', 'signs sessions; production refuses a missing, default or short one', (_raw, _name, env) => resolvePayloadSecret(env)),
  apiOnly: variable('API_ONLY', 'false', 'true: serve only /api and health checks, without Next.js', flag(false)),
  jobsAutorun: variable('JOBS_AUTORUN', 'true', 'false: this process runs no background jobs; another must', flag(true)),
  shutdownDrainMs: variable('SHUTDOWN_DRAIN_MS', '5000', 'after SIGTERM, how long the server keeps accepting while /readyz says 503', wholeNumber(5000, 0)),
  shutdownGraceMs: variable('SHUTDOWN_GRACE_MS', '10000', 'after the drain, how long requests in flight may finish', wholeNumber(10_000, 0)),
  // The database (src/database)
  databaseURI: variable('DATABASE_URI', 'unset (SQLite ./data/careline.db)', 'database, chosen by scheme (src/database)', text),
  databasePoolMax: variable('DATABASE_POOL_MAX', '10', 'PostgreSQL pool size per process', wholeNumber(10, 1)),
  databaseQueryLog: variable('DATABASE_QUERY_LOG', 'false', 'true: print every SQL statement', flag(false)),
  databaseQueryCount: variable('DATABASE_QUERY_COUNT', 'false', 'true: count SQL statements per request (the benchmark)', flag(false)),
  mongodbCompatibility: variable(
    'MONGODB_COMPATIBILITY',
    'mongodb',
    'MongoDB only: mongodb, documentdb, cosmosdb or firestore, the server behind DATABASE_URI (src/database/mongodb.ts)',
    (raw, name) => {
      const value = raw ?? 'mongodb'
      if (value === 'mongodb' || value === 'documentdb' || value === 'cosmosdb' || value === 'firestore') return value
      throw new ConfigurationError(`${name} must be mongodb, documentdb, cosmosdb or firestore (the kind of server DATABASE_URI names), not "${raw}".`)
    },
  ),
  payloadDbPush: variable('PAYLOAD_DB_PUSH', 'false', 'true: push schema from the config instead of migrations (throwaway databases)', flag(false)),
  // HTTP
  corsOrigins: variable('CORS_ORIGINS', 'SERVER_URL', 'origins that may call the API from a browser', originList),
  csrfOrigins: variable('CSRF_ORIGINS', 'SERVER_URL', 'origins whose cookies authenticate', originList),
  trustProxy: variable('TRUST_PROXY', 'unset', "Express's trust proxy: a hop count, true, or addresses and presets (loopback)", (raw): number | boolean | string | undefined => {
    if (raw === undefined) return undefined
    if (/^\d+$/.test(raw)) return Number(raw)
    if (raw === 'true' || raw === 'false') return raw === 'true'
    return raw
  }),
  maxRequestBodyBytes: variable('MAX_REQUEST_BODY_MB', '25', 'largest API request body, uploads included', megabytes(25)),
  mediaMaxBytes: variable('MEDIA_MAX_MB', '10', 'largest image upload', megabytes(10)),
  rateLimitLoginPerIP: variable('RATE_LIMIT_LOGIN_PER_IP', '10/1m', 'sign-in attempts per client IP', rateLimit('10/1m')),
  rateLimitLoginPerAccount: variable('RATE_LIMIT_LOGIN_PER_ACCOUNT', '5/1m', 'sign-in attempts per e-mail', rateLimit('5/1m')),
  rateLimitForgotPasswordPerIP: variable('RATE_LIMIT_FORGOT_PASSWORD_PER_IP', '20/1h', 'password reset requests per client IP', rateLimit('20/1h')),
  rateLimitForgotPasswordPerAccount: variable('RATE_LIMIT_FORGOT_PASSWORD_PER_ACCOUNT', '5/1h', 'password reset requests per e-mail', rateLimit('5/1h')),
  rateLimitGraphQLPerIP: variable('RATE_LIMIT_GRAPHQL_PER_IP', '300/1m', 'GraphQL requests per client IP', rateLimit('300/1m')),
  graphQLMaxDepth: variable('GRAPHQL_MAX_DEPTH', '10', 'deepest nesting of fields in one GraphQL document', wholeNumber(10, 1)),
  graphQLMaxAliases: variable('GRAPHQL_MAX_ALIASES', '30', 'most aliases in one GraphQL document', wholeNumber(30, 1)),
  graphQLMaxOperations: variable('GRAPHQL_MAX_OPERATIONS', '5', 'most operations in one GraphQL document', wholeNumber(5, 1)),
  graphQLIntrospection: variable('GRAPHQL_INTROSPECTION', 'true outside production', 'schema introspection', flag((env) => env.NODE_ENV !== 'production')),
  // Caching (src/cache) and replicas
  redisUrl: variable('REDIS_URL', 'unset', 'Redis shared by replicas: cache invalidation and rate-limit budgets', text),
  cacheMaxBytes: variable('CACHE_MAX_MB', '64', 'in-process cache of anonymous API answers', megabytes(64, '0 turns the cache off')),
  cacheMaxAge: variable('CACHE_MAX_AGE', '60', 'max-age of anonymous answers, in seconds', seconds(60)),
  cacheStaleWhileRevalidate: variable('CACHE_STALE_WHILE_REVALIDATE', '300', 'stale-while-revalidate of anonymous answers, in seconds', seconds(300)),
  cacheSyncIntervalMs: variable('CACHE_SYNC_INTERVAL_MS', '1000 (5000 with Redis)', 'how often a replica checks the publication log', (raw, name, env): number | undefined =>
    raw === undefined ? undefined : resolveWholeNumber(name, 0, env),
  ),
  // The public site
  publicSiteURL: variable('PUBLIC_SITE_URL', 'SERVER_URL', 'origin of the public pages, for links in JSON-LD', httpURL),
  siteApiURL: variable('SITE_API_URL', 'this server', "where the public site's pages read the API", httpURL),
  // Outbound: media, e-mail, webhooks
  s3Bucket: variable('S3_BUCKET', 'unset (media in ./media)', 'media in this S3-compatible bucket', text),
  s3Region: variable('S3_REGION', 'us-east-1', 'the bucket region', textOr('us-east-1')),
  s3Endpoint: variable('S3_ENDPOINT', 'unset (AWS)', 'an S3-compatible endpoint (path-style addressing)', text),
  s3AccessKeyId: variable('S3_ACCESS_KEY_ID', 'unset (the SDK finds credentials)', 'bucket credentials, with S3_SECRET_ACCESS_KEY', text),
  s3SecretAccessKey: variable('S3_SECRET_ACCESS_KEY', 'unset', 'bucket credentials, with S3_ACCESS_KEY_ID', text),
  smtpURL: variable('SMTP_URL', 'unset (e-mail is logged, not sent)', 'SMTP server (nodemailer URL)', text),
  emailFrom: variable('EMAIL_FROM', 'careline@localhost', 'sender of e-mail', textOr('careline@localhost')),
  emailOutboxFile: variable('EMAIL_OUTBOX_FILE', 'unset', 'also append each unsent e-mail as a JSON line here', text),
  webhookAllowedHosts: variable('WEBHOOK_ALLOWED_HOSTS', 'unset (none)', 'internal hosts webhooks may reach', (_raw, _name, env) => resolveWebhookAllowedHosts(env)),
  // Seeding (seed/demo.ts)
  demoPassword: variable('DEMO_PASSWORD', 'careline-demo outside production', 'password of the seeded demo accounts', text),
}

/**
 * Documented beside the others but read by tooling, not by the server: `npm start`'s heap cap
 * (package.json) and the test suite's database choice (tests/helpers).
 */
export const TOOLING_VARIABLES = ['SERVER_HEAP_MB', 'TEST_DATABASE', 'TEST_POSTGRES_URL'] as const

type List = typeof VARIABLES
export type Settings = { readonly [K in keyof List]: ReturnType<List[K]['check']> } & {
  /** NODE_ENV is production. */
  readonly production: boolean
}

/** Reads and checks every variable; a bad value throws a ConfigurationError naming it. */
export function loadSettings(env: Env = process.env): Settings {
  const values: Record<string, unknown> = {}
  for (const [key, { name, check }] of Object.entries(VARIABLES) as [string, Variable<unknown>][]) {
    const raw = env[name]?.trim()
    values[key] = check(raw === '' ? undefined : raw, name, env)
  }
  values.production = values.nodeEnv === 'production'
  return Object.freeze(values) as Settings
}

let current: Settings | undefined

/** This process's settings, read on first use and then kept. */
export const settings: Settings = new Proxy({} as Settings, {
  get: (_target, key) => (current ??= loadSettings())[key as keyof Settings],
})

/** Reads the environment again: for tests that set variables in their own process. */
export function reloadSettings(env: Env = process.env): Settings {
  current = loadSettings(env)
  return current
}

export const isProduction = () => settings.production

/** Rate limits of the sign-in, password-reset and GraphQL routes (src/http/rateLimit.ts). */
export const rateLimitSettings = (from: Settings = settings) => ({
  loginPerIP: from.rateLimitLoginPerIP,
  loginPerAccount: from.rateLimitLoginPerAccount,
  forgotPasswordPerIP: from.rateLimitForgotPasswordPerIP,
  forgotPasswordPerAccount: from.rateLimitForgotPasswordPerAccount,
  graphQLPerIP: from.rateLimitGraphQLPerIP,
})

/** What one GraphQL request may ask for (src/http/graphql.ts). */
export const graphQLLimitSettings = (from: Settings = settings) => ({
  maxDepth: from.graphQLMaxDepth,
  maxAliases: from.graphQLMaxAliases,
  maxOperations: from.graphQLMaxOperations,
  introspection: from.graphQLIntrospection,
})

// The origin this process's API is bound to, once it listens (src/server.ts). Kept on globalThis
// rather than in this module: the public site's pages run inside Next.js's bundle, which holds a
// second copy of this module in the same process.
const BOUND_API_ORIGIN = Symbol.for('careline.settings.boundApiOrigin')
type WithBoundOrigin = typeof globalThis & { [BOUND_API_ORIGIN]?: string }

/** Called by src/server.ts once it listens (the port may have been 0: any free one). */
export function recordBoundApiOrigin(origin: string): void {
  ;(globalThis as WithBoundOrigin)[BOUND_API_ORIGIN] = origin
}

/** Where the public site reads the API: SITE_API_URL, else this server where it listens. */
export function siteApiURL(from: Settings = settings): string {
  return (from.siteApiURL || (globalThis as WithBoundOrigin)[BOUND_API_ORIGIN] || `http://127.0.0.1:${from.port}`).replace(/\/+$/, '')
}
