/**
 * Settings read from the environment, checked once at start-up. Every variable is listed in
 * README.md and .env.example.
 */

export class ConfigurationError extends Error {
  override name = 'ConfigurationError'
}

const DEVELOPMENT_SECRET = 'careline-development-secret-not-for-production'
/** Values copied from examples that must never sign production sessions. */
const KNOWN_DEFAULT_SECRETS = new Set([DEVELOPMENT_SECRET, 'change-me', 'changeme', 'secret', 'YOUR_SECRET_HERE'])
const MIN_SECRET_LENGTH = 32

export const isProduction = () => process.env.NODE_ENV === 'production'

/** Production refuses a missing, example or short secret; elsewhere a fixed development secret is used. */
export function resolvePayloadSecret(env: NodeJS.ProcessEnv = process.env): string {
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

/** A comma-separated list, e.g. `CORS_ORIGINS=https://www.example.org,https://app.example.org`. */
export function listFromEnv(name: string, fallback: string[] = []): string[] {
  const raw = process.env[name]
  if (raw === undefined || raw.trim() === '') return fallback
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
}

export function resolvePort(raw = process.env.PORT): number {
  if (raw === undefined || raw === '') return 3000
  const port = Number(raw)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigurationError(`PORT must be a whole number from 0 to 65535, not "${raw}".`)
  }
  return port
}

export const settings = {
  get payloadSecret() {
    return resolvePayloadSecret()
  },
  get port() {
    return resolvePort()
  },
  /** Public origin of this service, e.g. https://cms.example.org. Defaults to localhost:PORT. */
  get serverURL() {
    return process.env.SERVER_URL?.replace(/\/+$/, '') || `http://localhost:${resolvePort()}`
  },
  /** Largest request body the API accepts (uploads included), from MAX_REQUEST_BODY_MB. */
  get maxRequestBodyBytes() {
    const raw = process.env.MAX_REQUEST_BODY_MB
    const mb = raw === undefined || raw === '' ? 25 : Number(raw)
    if (!(mb > 0)) throw new ConfigurationError(`MAX_REQUEST_BODY_MB must be a positive number of megabytes, not "${raw}".`)
    return Math.round(mb * 1024 * 1024)
  },
  /** Serve only the API (no admin, no Next.js): for stateless replicas behind a load balancer. */
  get apiOnly() {
    return process.env.API_ONLY === 'true'
  },
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
export function resolveRateLimit(name: string, fallback: string, env: NodeJS.ProcessEnv = process.env): RateLimitSetting {
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

/** A positive whole number from the environment, e.g. a GraphQL limit. */
export function resolveWholeNumber(name: string, fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[name]?.trim()
  if (!raw) return fallback
  const value = Number(raw)
  if (!Number.isSafeInteger(value) || value < 1) throw new ConfigurationError(`${name} must be a whole number of at least 1, not "${raw}".`)
  return value
}

/** Rate limits of the sign-in, password-reset and GraphQL routes (src/http/rateLimit.ts). */
export const rateLimitSettings = (env: NodeJS.ProcessEnv = process.env) => ({
  loginPerIP: resolveRateLimit('RATE_LIMIT_LOGIN_PER_IP', '10/1m', env),
  loginPerAccount: resolveRateLimit('RATE_LIMIT_LOGIN_PER_ACCOUNT', '5/1m', env),
  forgotPasswordPerIP: resolveRateLimit('RATE_LIMIT_FORGOT_PASSWORD_PER_IP', '20/1h', env),
  forgotPasswordPerAccount: resolveRateLimit('RATE_LIMIT_FORGOT_PASSWORD_PER_ACCOUNT', '5/1h', env),
  graphQLPerIP: resolveRateLimit('RATE_LIMIT_GRAPHQL_PER_IP', '300/1m', env),
})

/** What one GraphQL request may ask for (src/http/graphql.ts). */
export const graphQLLimitSettings = (env: NodeJS.ProcessEnv = process.env) => ({
  maxDepth: resolveWholeNumber('GRAPHQL_MAX_DEPTH', 10, env),
  maxAliases: resolveWholeNumber('GRAPHQL_MAX_ALIASES', 30, env),
  maxOperations: resolveWholeNumber('GRAPHQL_MAX_OPERATIONS', 5, env),
  /** Schema introspection: on outside production, off in production unless GRAPHQL_INTROSPECTION=true. */
  introspection: env.GRAPHQL_INTROSPECTION ? env.GRAPHQL_INTROSPECTION === 'true' : env.NODE_ENV !== 'production',
})

/** Largest image the media collection accepts, from MEDIA_MAX_MB (default 10). */
export function resolveMediaMaxBytes(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.MEDIA_MAX_MB
  const mb = raw === undefined || raw === '' ? 10 : Number(raw)
  if (!(mb > 0)) throw new ConfigurationError(`MEDIA_MAX_MB must be a positive number of megabytes, not "${raw}".`)
  return Math.round(mb * 1024 * 1024)
}

/**
 * Host names (or IP addresses) that webhooks may reach although they are internal (loopback,
 * private, link-local...), from WEBHOOK_ALLOWED_HOSTS, e.g. `hooks.internal,10.0.0.5`. Empty by
 * default: webhooks go to public addresses only (src/webhooks/targets.ts). Each entry is kept in
 * the form a URL's host name takes (lower case, IPv6 in brackets, no trailing dot), so that a
 * webhook URL is compared with it as is.
 */
export function resolveWebhookAllowedHosts(env: NodeJS.ProcessEnv = process.env): string[] {
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
