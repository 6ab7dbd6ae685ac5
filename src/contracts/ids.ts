/**
 * One id contract on every database: a document's id is an opaque value, a number on SQLite and
 * PostgreSQL and a string (ObjectId) on MongoDB. Payload types ids from the adapter in use
 * (`number` on SQL, `string` on MongoDB), so payload-types.ts and the OpenAPI document, both
 * generated from Payload's JSON Schema, would each be false on the other databases. This
 * `typescript.schema` step types every id `number | string` there, whatever the database: true on
 * all three and the same files on all three (tests/generated.test.ts), and a
 * typed client that compiles against it works whichever database serves it, as long as it sends
 * ids back as it got them (which REST paths and GraphQL's `String` ids take on every database).
 *
 * Why not string ids everywhere: on SQL that means rewriting every primary and foreign key, and
 * the ids kept inside snapshots, page history and audit rows, of existing databases; GraphQL
 * already gets strings everywhere (src/http/graphQLSurface.ts).
 */
type Schema = Record<string, unknown>

const ID_TYPES = ['number', 'string']

/** An id as Payload types it for the adapter in use: `number` (SQL) or `string` (MongoDB), maybe nullable. */
const isIDType = (node: unknown): node is Schema => {
  if (!node || typeof node !== 'object') return false
  const type = (node as Schema).type
  const types = Array.isArray(type) ? type : [type]
  return types.filter((t) => t !== 'null').length === 1 && (types.includes('number') || types.includes('string'))
}

const widen = (node: Schema) => {
  const type = node.type
  node.type = Array.isArray(type) && type.includes('null') ? [...ID_TYPES, 'null'] : [...ID_TYPES]
}

/** Walks the schema: a collection's or global's `id`, and the id beside a `$ref` in a relationship's `oneOf`. */
function widenIDs(node: unknown, inCollection: boolean): void {
  if (Array.isArray(node)) {
    for (const item of node) widenIDs(item, false)
    return
  }
  if (!node || typeof node !== 'object') return
  const schema = node as Schema
  const properties = schema.properties as Schema | undefined
  if (inCollection && properties && isIDType(properties.id)) widen(properties.id as Schema)
  const oneOf = schema.oneOf
  if (Array.isArray(oneOf) && oneOf.some((member) => member && typeof member === 'object' && '$ref' in member)) {
    for (const member of oneOf) if (isIDType(member)) widen(member)
  }
  for (const value of Object.values(schema)) widenIDs(value, false)
}

export function idsAreOpaque({ jsonSchema, config }: { jsonSchema: Schema; config: { collections: { slug: string }[]; globals: { slug: string }[] } }): Schema {
  const definitions = (jsonSchema.definitions ?? {}) as Record<string, unknown>
  const documents = new Set([...config.collections, ...config.globals].map(({ slug }) => slug))
  for (const [name, definition] of Object.entries(definitions)) widenIDs(definition, documents.has(name))
  const db = ((jsonSchema.properties as Schema | undefined)?.db as Schema | undefined)?.properties as Schema | undefined
  if (db && isIDType(db.defaultIDType)) widen(db.defaultIDType as Schema)
  return jsonSchema
}
