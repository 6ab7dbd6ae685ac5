/**
 * Writes src/contracts/openapi.json from the Payload config (part of `npm run generate`).
 * Loads `.env` the way `payload generate:types` does, so both describe the same database's ids;
 * the document itself holds no host, port or path of this machine (its server is `/api`).
 */
import fs from 'node:fs'
import path from 'node:path'

import { loadEnv } from 'payload/node'

import { buildOpenAPIDocument, serializeOpenAPIDocument } from '../src/contracts/openapi'

const OPENAPI_FILE = path.resolve(import.meta.dirname, '../src/contracts/openapi.json')

loadEnv()
const { default: configPromise } = await import('../src/payload.config')
const document = await buildOpenAPIDocument(await configPromise)
fs.writeFileSync(OPENAPI_FILE, serializeOpenAPIDocument(document))
console.log(`Wrote ${path.relative(process.cwd(), OPENAPI_FILE)} (${Object.keys(document.paths).length} paths)`)
// The config's adapters may hold handles open; there is nothing left to do.
process.exit(0)
