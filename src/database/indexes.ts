/**
 * Indexes Careline adds to the schema Payload builds (the SQL adapters' `afterSchemaInit`), each
 * for a query Payload sends that its own indexes cannot serve. The committed migrations carry
 * them (src/migrations/<dialect>/); a change here needs `npm run migrate:create`.
 */
import type { extendDrizzleTable } from '@payloadcms/drizzle'
import { isNotNull } from 'drizzle-orm'
import { index as sqliteIndex } from 'drizzle-orm/sqlite-core'

type SchemaHook = <Schema extends { tables: Record<string, any> }>(args: { schema: Schema; extendTable: typeof extendDrizzleTable }) => Schema

/**
 * Payload keeps localized fields in `<table>_locales` with a unique index on (locale, parent). Its
 * reads fetch a document's locales by parent alone, which that index cannot serve: SQLite scanned
 * the whole locales table once per document read (a condition page: ~25 scans; growing with the
 * content). Every locales table gets an index on its parent as well.
 */
export function indexLocalizedRowsByParent(index: (name: string) => { on: (...columns: any[]) => unknown }): SchemaHook {
  return ({ schema, extendTable }) => {
    for (const [name, table] of Object.entries(schema.tables)) {
      if (!name.endsWith('_locales') || !table._parentID) continue
      const indexName = `${name}_parent_idx`
      extendTable({ table, extraConfig: (columns) => ({ [indexName]: index(indexName).on(columns._parentID) }) })
    }
    return schema
  }
}

/**
 * A `<collection>_rels` table holds every relationship of a collection, one column per target,
 * so each target's column is NULL in most rows. SQLite's statistics count those NULLs as one
 * huge group: with full statistics it judged "conditions whose specialty is X" by
 * `conditions_rels_specialties_id_idx` as matching half the table, and read every condition
 * instead (a filtered list at 100k conditions: 700 ms). An index over the non-NULL rows only has
 * honest statistics, and holds what the filter's join needs (target, path, parent), so the
 * relationship rows are never read. SQLite only: PostgreSQL keeps the NULL fraction apart.
 */
export const indexRelationshipTargets: SchemaHook = ({ schema, extendTable }) => {
  for (const [name, table] of Object.entries(schema.tables)) {
    // Content collections only: not their versions, nor Payload's own bookkeeping (locks, preferences).
    if (!name.endsWith('_rels') || name.startsWith('_') || name.startsWith('payload_')) continue
    extendTable({
      table,
      extraConfig: (columns: Record<string, any>) =>
        Object.fromEntries(
          Object.values(columns)
            .filter((column) => column.name.endsWith('_id') && column.name !== 'parent_id')
            .map((column) => {
              const indexName = `${name}_${column.name}_targets_idx`
              return [indexName, sqliteIndex(indexName).on(column, columns.path, columns.parent).where(isNotNull(column))]
            }),
        ),
    })
  }
  return schema
}
