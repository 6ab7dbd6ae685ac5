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
