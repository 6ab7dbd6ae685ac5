import type { CollectionBeforeOperationHook, Where } from 'payload'

import { BadQuery } from '../../src/errors'

/**
 * A filter through a join field (`GET /api/symptoms?where[conditions][in]=7`) asks "which of these
 * does condition 7 list?", and Payload answers it from the joined collection's rows without that
 * collection's read access: for an unpublished condition the answer is an oracle on its draft
 * links (and zero rows says the id does not exist). Such filters are therefore open only to
 * callers who may read every document of the joined collection (staff); everyone else is told how
 * to ask the other way round, which the joined collection's own access does scope.
 */
export const joinFiltersByReadAccess: CollectionBeforeOperationHook = async ({ args, collection, operation, req }) => {
  if (!(operation === 'read' || operation === 'count' || operation === 'readDistinct') || args.overrideAccess === true) return args
  const where = (args as { where?: Where }).where
  if (!where) return args
  const joins = new Map<string, string>()
  for (const field of collection.fields) if (field.type === 'join' && 'name' in field) joins.set(field.name, field.collection as string)
  if (joins.size === 0) return args

  for (const path of wherePaths(where)) {
    const joined = joins.get(path.split('.')[0])
    if (!joined) continue
    const read = req.payload.collections[joined as 'conditions']?.config.access?.read
    const access = read ? await read({ req }) : false
    if (access !== true) {
      throw new BadQuery(
        `Filtering ${collection.slug} by "${path}" is for staff: it would reveal links from unpublished ${joined}. Ask the other way round, e.g. GET /api/${joined}?where[...][equals]=<id>, which lists only what you may read.`,
      )
    }
  }
  return args
}

/** Every field path a `where` tree names, through and/or at any depth. */
function* wherePaths(where: unknown, depth = 0): Generator<string> {
  if (!where || typeof where !== 'object' || depth > 64) return
  for (const [key, value] of Object.entries(where)) {
    const lower = key.toLowerCase()
    if (lower === 'and' || lower === 'or') {
      for (const branch of Array.isArray(value) ? value : Object.values(value ?? {})) yield* wherePaths(branch, depth + 1)
    } else {
      yield key
    }
  }
}
