/** Start-up settings: the database chosen by DATABASE_URI, and the production secret rules. */
import path from 'node:path'

import { databaseAdapter, DatabaseConfigError, resolveDatabaseTarget } from '../src/database'
import { ConfigurationError, resolvePayloadSecret, resolvePort } from '../src/settings'
import { expectStartFailure } from './helpers/server'

const root = path.resolve(import.meta.dirname, '..')

describe('DATABASE_URI picks the adapter by scheme', () => {
  test.each([
    [undefined, 'sqlite'],
    ['', 'sqlite'],
    ['file:./data/other.db', 'sqlite'],
    ['file:/tmp/careline.db', 'sqlite'],
    ['postgres://user@db:5432/careline', 'postgres'],
    ['postgresql://user@db/careline', 'postgres'],
    ['mongodb://mongo:27017/careline', 'mongodb'],
    ['mongodb+srv://cluster.example.net/careline', 'mongodb'],
  ])('%p -> %s', (uri, kind) => {
    expect(resolveDatabaseTarget(uri).kind).toBe(kind)
  })

  test('SQLite files are resolved from the project root; the default lives in ./data', () => {
    expect(resolveDatabaseTarget(undefined).url).toBe(`file:${path.join(root, 'data/careline.db')}`)
    expect(resolveDatabaseTarget('file:./data/x.db').url).toBe(`file:${path.join(root, 'data/x.db')}`)
    expect(resolveDatabaseTarget('file:/tmp/y.db').url).toBe('file:/tmp/y.db')
  })

  test.each(['mysql://root@localhost/careline', 'redis://localhost', 'careline.db', 'file:'])('%p is refused with a message', (uri) => {
    expect(() => resolveDatabaseTarget(uri)).toThrow(DatabaseConfigError)
  })

  test('each kind gets its own Payload adapter (built without connecting; MongoDB loaded only when asked for)', async () => {
    expect((await databaseAdapter({ kind: 'mongodb', url: 'mongodb://127.0.0.1:1/careline' })).name).toBe('mongoose')
    expect((await databaseAdapter({ kind: 'postgres', url: 'postgres://127.0.0.1:1/careline' })).name).toBe('postgres')
  })

  test('the message says what is accepted', () => {
    expect(() => resolveDatabaseTarget('mysql://x')).toThrow(/unsupported scheme "mysql:".*postgres:\/\/.*mongodb:\/\//)
  })
})

describe('secrets and port', () => {
  test('production refuses a missing, default or short secret', () => {
    expect(() => resolvePayloadSecret({ NODE_ENV: 'production' })).toThrow(ConfigurationError)
    expect(() => resolvePayloadSecret({ NODE_ENV: 'production', PAYLOAD_SECRET: 'change-me' })).toThrow(/default or shorter/)
    expect(() => resolvePayloadSecret({ NODE_ENV: 'production', PAYLOAD_SECRET: 'x'.repeat(31) })).toThrow(/32/)
    expect(resolvePayloadSecret({ NODE_ENV: 'production', PAYLOAD_SECRET: 'k'.repeat(48) })).toBe('k'.repeat(48))
  })

  test('development runs without configuring a secret', () => {
    expect(resolvePayloadSecret({ NODE_ENV: 'development' })).toMatch(/development/)
  })

  test('PORT must be a port number', () => {
    expect(resolvePort(undefined)).toBe(3000)
    expect(resolvePort('8080')).toBe(8080)
    expect(() => resolvePort('eighty')).toThrow(/PORT must be/)
  })
})

describe('the server refuses to start on bad configuration', () => {
  test('an unknown database scheme stops start-up with a clear message', async () => {
    const { code, output } = await expectStartFailure({ API_ONLY: 'true', DATABASE_URI: 'mysql://root@localhost/careline' })
    expect(code).toBe(1)
    expect(output).toContain('unsupported scheme "mysql:"')
  })

  test('production without a proper PAYLOAD_SECRET stops start-up', async () => {
    const missing = await expectStartFailure({ API_ONLY: 'true', NODE_ENV: 'production', PAYLOAD_SECRET: '' })
    expect(missing.code).toBe(1)
    expect(missing.output).toContain('PAYLOAD_SECRET is not set')
    const short = await expectStartFailure({ API_ONLY: 'true', NODE_ENV: 'production', PAYLOAD_SECRET: 'short' })
    expect(short.code).toBe(1)
    expect(short.output).toContain('shorter than 32')
  })
})
