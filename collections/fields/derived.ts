import type { CollectionBeforeOperationHook } from 'payload'

/**
 * For a virtual field computed on read from sibling fields (a rich text's HTML, `reviewOverdue`
 * from `nextReviewDue`): names those fields, so that a read selecting it reads them too
 * (`derivedFieldsReadTheirSources`).
 */
export const derivedFrom = (...sources: string[]) => ({ custom: { derivedFrom: sources } })

const sourcesOf = (field: unknown): string[] | undefined => (field as { custom?: { derivedFrom?: string[] } }).custom?.derivedFrom

/**
 * Payload reads only what a `select` names (REST `select[...]`, GraphQL's `select: true`, the
 * Local API), and a virtual field computed from fields left unread computes from nothing: null
 * HTML, and `reviewOverdue: false` for content past its review date. A read whose select names
 * such a field (include mode: no `false` in it) also reads the fields it is computed from; over
 * REST they are in the answer too. An exclude-mode select is left as it is.
 */
export const derivedFieldsReadTheirSources: CollectionBeforeOperationHook = ({ args, collection, operation }) => {
  if (operation !== 'read') return args
  const select = (args as { select?: Record<string, unknown> }).select
  if (!select || typeof select !== 'object' || Object.values(select).includes(false)) return args
  let widened: Record<string, unknown> | undefined
  for (const field of collection.fields) {
    const sources = 'name' in field && select[field.name] === true ? sourcesOf(field) : undefined
    for (const source of sources ?? []) {
      if (select[source] !== undefined) continue
      widened ??= { ...select }
      widened[source] = true
    }
  }
  return widened ? { ...args, select: widened } : args
}
