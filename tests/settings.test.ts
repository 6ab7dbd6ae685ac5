/**
 * src/settings is the one list of environment variables: README.md's table and .env.example
 * document exactly that list, bad values are refused at load with a message naming the variable,
 * and no other server code reads process.env for configuration.
 */
import fs from 'node:fs'
import path from 'node:path'

import { ConfigurationError, loadSettings, reloadSettings, settings, siteApiURL, TOOLING_VARIABLES, VARIABLES } from '../src/settings'

const root = path.resolve(import.meta.dirname, '..')
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8')

const listed = new Set<string>([...Object.values(VARIABLES).map((variable) => variable.name), ...TOOLING_VARIABLES])

/** Every NAME in `NAME=value` lines, commented or not. */
function envExampleNames(): Set<string> {
  return new Set([...read('.env.example').matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]))
}

/** Every `NAME` in the first column of the table under "## Configuration". */
function readmeTableNames(): Set<string> {
  const readme = read('README.md')
  const start = readme.indexOf('## Configuration')
  const section = readme.slice(start, readme.indexOf('\n#', start + 1))
  const names = new Set<string>()
  for (const row of section.split('\n').filter((line) => line.startsWith('| `'))) {
    for (const match of row.split('|')[1].matchAll(/`([A-Z][A-Z0-9_]*)`/g)) names.add(match[1])
  }
  return names
}

const difference = (a: Set<string>, b: Set<string>) => [...a].filter((name) => !b.has(name)).sort()

describe('one list of variables', () => {
  test('.env.example lists exactly the variables of src/settings', () => {
    const documented = envExampleNames()
    expect({ missing: difference(listed, documented), unknown: difference(documented, listed) }).toEqual({ missing: [], unknown: [] })
  })

  test("the README's table lists exactly the variables of src/settings", () => {
    const documented = readmeTableNames()
    expect({ missing: difference(listed, documented), unknown: difference(documented, listed) }).toEqual({ missing: [], unknown: [] })
  })

  test('each variable has a default and a meaning', () => {
    for (const variable of Object.values(VARIABLES)) {
      expect(variable.fallback).not.toBe('')
      expect(variable.meaning).not.toBe('')
    }
  })

  test('no other server code reads process.env for configuration', () => {
    const offenders: string[] = []
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
        const file = path.join(dir, entry.name)
        if (entry.isDirectory()) {
          if (file !== path.join('src', 'settings') && file !== path.join('src', 'migrations')) walk(file)
        } else if (/\.tsx?$/.test(entry.name)) {
          read(file)
            .split('\n')
            .forEach((line, index) => {
              // src/server.ts's last-resort report of a failed start may not rely on the settings.
              if (/process\.env\b/.test(line) && !(file === path.join('src', 'server.ts') && /process\.env\.NODE_ENV !== 'production' && error instanceof Error/.test(line))) {
                offenders.push(`${file}:${index + 1}`)
              }
            })
        }
      }
    }
    for (const dir of ['src', 'collections', 'seed']) walk(dir)
    expect(offenders).toEqual([])
  })
})

describe('values', () => {
  test('unset and empty variables take their defaults', () => {
    const defaults = loadSettings({})
    expect(loadSettings({ PORT: '', CACHE_MAX_AGE: '', API_ONLY: '' })).toEqual(defaults)
    expect(defaults).toMatchObject({
      port: 3000,
      serverURL: 'http://localhost:3000',
      corsOrigins: ['http://localhost:3000'],
      apiOnly: false,
      jobsAutorun: true,
      shutdownDrainMs: 5000,
      shutdownGraceMs: 10_000,
      databasePoolMax: 10,
      maxRequestBodyBytes: 25 * 1024 * 1024,
      cacheMaxBytes: 64 * 1024 * 1024,
      cacheMaxAge: 60,
      cacheStaleWhileRevalidate: 300,
      cacheSyncIntervalMs: undefined,
      rateLimitLoginPerIP: { limit: 10, windowMs: 60_000 },
      graphQLIntrospection: true,
      emailFrom: 'careline@localhost',
      s3Region: 'us-east-1',
      webhookAllowedHosts: [],
      production: false,
    })
  })

  test('values are read as their kind', () => {
    const read = loadSettings({
      PORT: '8080',
      SERVER_URL: 'https://cms.example.org/',
      CSRF_ORIGINS: 'https://a.example.org, https://b.example.org',
      JOBS_AUTORUN: 'false',
      TRUST_PROXY: '1',
      CACHE_MAX_MB: '0',
      SHUTDOWN_DRAIN_MS: '0',
      NODE_ENV: 'production',
      PAYLOAD_SECRET: 'k'.repeat(48),
    })
    expect(read).toMatchObject({
      port: 8080,
      serverURL: 'https://cms.example.org',
      corsOrigins: ['https://cms.example.org'],
      csrfOrigins: ['https://a.example.org', 'https://b.example.org'],
      jobsAutorun: false,
      trustProxy: 1,
      cacheMaxBytes: 0,
      shutdownDrainMs: 0,
      graphQLIntrospection: false,
      production: true,
    })
    expect(loadSettings({ TRUST_PROXY: 'loopback' }).trustProxy).toBe('loopback')
  })

  test.each([
    ['PORT', 'eighty'],
    ['NODE_ENV', 'staging'],
    ['API_ONLY', 'yes'],
    ['JOBS_AUTORUN', '0'],
    ['DATABASE_POOL_MAX', '0'],
    ['SHUTDOWN_GRACE_MS', 'ten seconds'],
    ['MAX_REQUEST_BODY_MB', '-1'],
    ['CACHE_MAX_MB', 'lots'],
    ['CACHE_MAX_AGE', '1.5'],
    ['CACHE_SYNC_INTERVAL_MS', '0'],
    ['RATE_LIMIT_LOGIN_PER_IP', '10 per minute'],
    ['GRAPHQL_MAX_DEPTH', '0'],
    ['SITE_API_URL', 'ftp://files.example.org'],
    ['SERVER_URL', 'cms.example.org'],
    ['WEBHOOK_ALLOWED_HOSTS', 'https://hooks.internal'],
  ])('%s=%p is refused with a message naming it', (name, value) => {
    expect(() => loadSettings({ [name]: value })).toThrow(ConfigurationError)
    expect(() => loadSettings({ [name]: value })).toThrow(name)
  })

  test('production refuses a missing secret when the settings are loaded', () => {
    expect(() => loadSettings({ NODE_ENV: 'production' })).toThrow(/PAYLOAD_SECRET/)
  })
})

describe('the process settings', () => {
  const before = process.env.CACHE_MAX_AGE
  afterAll(() => {
    if (before === undefined) delete process.env.CACHE_MAX_AGE
    else process.env.CACHE_MAX_AGE = before
    reloadSettings()
  })

  test('are read once and kept, until reloaded', () => {
    process.env.CACHE_MAX_AGE = '11'
    reloadSettings()
    expect(settings.cacheMaxAge).toBe(11)
    process.env.CACHE_MAX_AGE = '12'
    expect(settings.cacheMaxAge).toBe(11)
    reloadSettings()
    expect(settings.cacheMaxAge).toBe(12)
  })

  test("the public site reads SITE_API_URL, else this server's own address", () => {
    expect(siteApiURL(loadSettings({ SITE_API_URL: 'http://api.internal:8080/' }))).toBe('http://api.internal:8080')
    expect(siteApiURL(loadSettings({ PORT: '4000' }))).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  })
})
