/**
 * The committed contracts (TypeScript types, GraphQL SDL, the admin import map) must match what
 * the config produces now. If this fails, run `npm run generate` and commit the result.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { jest } from '@jest/globals'
import { printSchema } from 'graphql'
import { generateImportMap, type SanitizedConfig } from 'payload'
import { generateTypes } from 'payload/node'

import { graphQLSchemaFor } from '../src/http/graphQLSurface'

const root = path.resolve(import.meta.dirname, '..')
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'careline-generated-'))
let config: SanitizedConfig

beforeAll(async () => {
  config = await (await import('../src/payload.config')).default
})
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

const read = (file: string) => fs.readFileSync(file, 'utf8')
const STALE = 'is stale: run `npm run generate` and commit the result'

test(`src/payload-types.ts matches the config`, async () => {
  const out = path.join(tmp, 'payload-types.ts')
  process.env.PAYLOAD_TS_OUTPUT_PATH = out
  try {
    await generateTypes(config, { log: false })
  } finally {
    delete process.env.PAYLOAD_TS_OUTPUT_PATH
  }
  expect({ file: 'src/payload-types.ts', upToDate: read(out) === read(path.join(root, 'src/payload-types.ts')) }).toEqual({
    file: 'src/payload-types.ts',
    upToDate: true,
  })
})

test('schema.graphql matches the config and declares the clinical types', () => {
  const sdl = printSchema(graphQLSchemaFor(config).schema)
  const committed = read(path.join(root, 'schema.graphql'))
  expect(sdl === committed ? 'up to date' : `schema.graphql ${STALE}`).toBe('up to date')
  for (const type of ['Condition', 'Symptom', 'Treatment', 'DiagnosticTest', 'Location']) {
    expect(committed).toMatch(new RegExp(`^type ${type} \\{`, 'm'))
  }
})

test('the admin import map matches the config', async () => {
  // The map imports local components by paths relative to itself, so it is generated in a copy of
  // the layout under the temporary folder: writing beside the real one would change src/'s
  // modification time and make the server build (scripts/lib.mjs) look stale to other tests.
  const mirror = path.join(tmp, 'src')
  const out = path.join(mirror, 'app/(payload)/admin/importMap.js')
  fs.mkdirSync(path.dirname(out), { recursive: true })
  const withTempMap = { ...config, admin: { ...config.admin, importMap: { ...config.admin.importMap, baseDir: mirror, importMapFile: out } } }
  await generateImportMap(withTempMap as SanitizedConfig, { force: true, log: false })
  const committed = read(path.join(root, 'src/app/(payload)/admin/importMap.js'))
  const generated = read(out)
  expect(generated === committed ? 'up to date' : `importMap.js ${STALE}`).toBe('up to date')
})

/**
 * One contract whatever the database: the types, schema.graphql and the OpenAPI document generated
 * with PostgreSQL's and MongoDB's adapters are the committed ones (made with SQLite's). Building
 * the config connects to nothing, so the URIs need no server.
 */
test.each([
  ['postgres', 'postgres://postgres@127.0.0.1:5432/careline_contract_check'],
  ['mongodb', 'mongodb://127.0.0.1:27017/careline_contract_check'],
])('the contracts generated for %s are the committed ones', async (kind, uri) => {
  const saved = process.env.DATABASE_URI
  process.env.DATABASE_URI = uri
  try {
    await jest.isolateModulesAsync(async () => {
      const { reloadSettings } = await import('../src/settings')
      reloadSettings()
      const other: SanitizedConfig = await (await import('../src/payload.config')).default
      expect(other.db.defaultIDType).toBe(kind === 'mongodb' ? 'text' : 'number')
      const out = path.join(tmp, `payload-types.${kind}.ts`)
      process.env.PAYLOAD_TS_OUTPUT_PATH = out
      try {
        await generateTypes(other, { log: false })
      } finally {
        delete process.env.PAYLOAD_TS_OUTPUT_PATH
      }
      const { graphQLSchemaFor: schemaFor } = await import('../src/http/graphQLSurface')
      // graphql-js's own, from the same module registry as the schema it prints.
      const { printSchema: print } = await import('graphql')
      const { buildOpenAPIDocument, serializeOpenAPIDocument } = await import('../src/contracts/openapi')
      expect({
        types: read(out) === read(path.join(root, 'src/payload-types.ts')),
        graphql: print(schemaFor(other).schema) === read(path.join(root, 'schema.graphql')),
        openapi: serializeOpenAPIDocument(await buildOpenAPIDocument(other)) === read(path.join(root, 'src/contracts/openapi.json')),
      }).toEqual({ types: true, graphql: true, openapi: true })
    })
  } finally {
    if (saved === undefined) delete process.env.DATABASE_URI
    else process.env.DATABASE_URI = saved
    const { reloadSettings } = await import('../src/settings')
    reloadSettings()
  }
})
