/**
 * Writes schema.graphql from the Payload config (part of `npm run generate`): the schema Careline
 * serves (src/http/graphQLSurface.ts), with string ids, so the file is the same on every database.
 * Not `payload-graphql generate:schema`, which prints Payload's schema for this database's ids.
 */
import fs from 'node:fs'
import path from 'node:path'

import { printSchema } from 'graphql'
import { loadEnv } from 'payload/node'

import { graphQLSchemaFor } from '../src/http/graphQLSurface'

const SCHEMA_FILE = path.resolve(import.meta.dirname, '../schema.graphql')

loadEnv()
const { default: configPromise } = await import('../src/payload.config')
const sdl = printSchema(graphQLSchemaFor(await configPromise).schema)
fs.writeFileSync(SCHEMA_FILE, sdl)
console.log(`Wrote ${path.relative(process.cwd(), SCHEMA_FILE)} (${sdl.length} characters)`)
process.exit(0)
