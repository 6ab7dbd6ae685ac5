/**
 * Bulk generation of content of the seed's shape, straight in SQL: Payload's Local API costs
 * about 190 ms per imported document, hours at 100k. The published records the seed created
 * are the templates; generation g (1..G) is a copy of all of them, written with one
 * `INSERT ... SELECT ... CROSS JOIN bench_generations` per table, across every table a
 * published document lives in: the collection's table, its `_locales`, `_rels` and array
 * tables, its latest version (`_<collection>_v` and its sub-tables, so draft reads work) and
 * the `search_index` rows (so search finds generated content).
 *
 * - Integer ids: id + g * M, M the table's largest template id (a bijection, no collisions).
 *   Text ids (array rows): id || '-' || tag. Slugs get `-g000123`, names ` g000123`: unique.
 * - Relations to symptoms, treatments and diagnostic tests: a third of them (template id
 *   divisible by 3) point at the copy of generation g - g % 10, shared by ten generations'
 *   conditions; the rest at the condition's own generation. So each condition keeps the seed's
 *   fan-out (about 10 symptoms, 8 treatments, 5 tests), part shared and part its own.
 * - Locations: generation g's copies sit in cell g of a square grid of 0.25-degree cells (about
 *   28 km), so a nearby query at any scale finds a similar handful around one cell.
 */
import { type Column, q, type Sql } from './sql'

/** Bump when the generated content changes: prepared databases of another version are rebuilt. */
export const GENERATOR_VERSION = 4

export const FAMILIES = ['conditions', 'symptoms', 'treatments', 'diagnostic_tests', 'locations'] as const
const SHARED_TARGETS = new Set(['symptoms', 'treatments', 'diagnostic_tests'])
export const CELL_DEGREES = 0.25

export const tagOf = (g: number) => `g${String(g).padStart(6, '0')}`

/** Where generation g's locations are: the centre of its grid cell. */
export function cellOf(g: number, generations: number) {
  const width = Math.max(1, Math.ceil(Math.sqrt(generations)))
  const row = Math.floor((g - 1) / width)
  const col = (g - 1) % width
  return { lat: -35 + row * CELL_DEGREES, lng: -120 + col * CELL_DEGREES }
}

interface TablePlan {
  table: string
  family: string
  /** Depth below the collection table: inserts go parents first. */
  depth: number
  /** SQL condition selecting the template rows. */
  where: string
  integerId: boolean
}

export interface GenerationReport {
  generations: number
  rows: number
  tables: number
}

export async function generate(sql: Sql, generations: number, log: (line: string) => void = () => {}): Promise<GenerationReport> {
  const pgsql = sql.dialect === 'postgres'
  const familyOf = (table: string) =>
    FAMILIES.find((f) => table === f || table.startsWith(`${f}_`) || table === `_${f}_v` || table.startsWith(`_${f}_v_`))

  // The generations to write, with what each needs precomputed.
  await sql.exec(`drop table if exists bench_generations`)
  const real = pgsql ? 'double precision' : 'real'
  await sql.exec(`create table bench_generations (g integer primary key, shared_g integer not null, tag text not null, lat ${real} not null, lng ${real} not null)`)
  for (let start = 1; start <= generations; start += 500) {
    const values: string[] = []
    for (let g = start; g < Math.min(start + 500, generations + 1); g++) {
      const cell = cellOf(g, generations)
      values.push(`(${g}, ${g - (g % 10)}, '${tagOf(g)}', ${cell.lat}, ${cell.lng})`)
    }
    await sql.exec(`insert into bench_generations (g, shared_g, tag, lat, lng) values ${values.join(',')}`)
  }

  // Every table of every family: its columns, foreign keys, largest id, owner and template rows.
  const tables = new Map<string, { family: string; columns: Column[]; fks: Map<string, string>; integerId: boolean; maxId: number }>()
  for (const table of await sql.tables()) {
    const family = familyOf(table)
    if (!family) continue
    const columns = await sql.columns(table)
    const fks = new Map((await sql.foreignKeys(table)).map((fk) => [fk.column, fk.references]))
    const integerId = columns.find((c) => c.name === 'id')?.integer ?? false
    const maxId = integerId ? Number((await sql.all<{ m: unknown }>(`select max(id) as m from ${q(table)}`))[0].m ?? 0) : 0
    tables.set(table, { family, columns, fks, integerId, maxId })
  }
  const plans = new Map<string, TablePlan>()
  const planOf = (table: string): TablePlan => {
    const existing = plans.get(table)
    if (existing) return existing
    const { family, fks, integerId } = tables.get(table)!
    let plan: TablePlan
    if (table === family) plan = { table, family, depth: 0, where: 'true', integerId }
    else if (table === `_${family}_v`) plan = { table, family, depth: 1, where: `t.latest = ${pgsql ? 'true' : '1'}`, integerId }
    else {
      // Array and locale rows name their owner `_parent_id`; relationship and hasMany-select rows `parent_id`.
      const owner = fks.has('_parent_id') ? '_parent_id' : fks.has('parent_id') ? 'parent_id' : undefined
      if (!owner || !tables.has(fks.get(owner)!)) throw new Error(`bench generator: cannot tell which row owns the rows of ${table}`)
      const parent = planOf(fks.get(owner)!)
      const parentWhere = parent.where === 'true' ? '' : ` where ${parent.where}`
      plan = { table, family, depth: parent.depth + 1, where: `t.${q(owner)} in (select t.id from ${q(parent.table)} t${parentWhere})`, integerId }
    }
    plans.set(table, plan)
    return plan
  }
  for (const table of tables.keys()) planOf(table)

  /** A template id of `table` as generation `generation` has it. */
  const mapped = (expr: string, table: string, generation: string) => {
    const target = tables.get(table)!
    return target.integerId ? `(${expr} + ${generation} * ${target.maxId})` : `(${expr} || '-' || s.tag)`
  }

  let rows = 0
  const ordered = [...plans.values()].sort((a, b) => a.depth - b.depth || a.table.localeCompare(b.table))
  const started = performance.now()
  // A large page cache keeps the growing indexes in memory while millions of rows go in.
  if (!pgsql) for (const pragma of ['foreign_keys = off', 'synchronous = off', 'cache_size = -524288', 'temp_store = memory']) await sql.exec(`pragma ${pragma}`)
  await sql.exec(pgsql ? 'begin' : 'begin immediate')
  try {
    for (const plan of ordered) {
      const { columns, fks, maxId } = tables.get(plan.table)!
      const selects = columns.map(({ name }) => {
        const col = `t.${q(name)}`
        if (name === 'id') return mapped(col, plan.table, 's.g')
        const references = fks.get(name)
        if (references && tables.has(references)) {
          const owning = name === '_parent_id' || (name === 'parent_id' && plan.table !== plan.family)
          if (!owning && references !== plan.family && SHARED_TARGETS.has(references)) {
            return `case when ${col} % 3 = 0 then ${mapped(col, references, 's.shared_g')} else ${mapped(col, references, 's.g')} end`
          }
          return mapped(col, references, 's.g')
        }
        if (name === 'slug' || name === 'version_slug') return `${col} || '-' || s.tag`
        const nameTable = [plan.family, `${plan.family}_locales`, `_${plan.family}_v`, `_${plan.family}_v_locales`].includes(plan.table)
        if ((name === 'name' || name === 'version_name') && nameTable) return `${col} || ' ' || s.tag`
        if (plan.family === 'locations' && (name === 'latitude' || name === 'version_latitude')) return `s.lat + (${col} - 39.5) * 0.2`
        if (plan.family === 'locations' && (name === 'longitude' || name === 'version_longitude')) return `s.lng + (${col} + 83.75) * 0.1`
        return col
      })
      const before = performance.now()
      await sql.exec(
        `insert into ${q(plan.table)} (${columns.map((c) => q(c.name)).join(', ')}) ` +
          `select ${selects.join(', ')} from ${q(plan.table)} t cross join bench_generations s where ${plan.where}` +
          (plan.integerId ? ` and t.id <= ${maxId}` : ` and t.id not like '%-g%'`),
      )
      const n = Number((await sql.all<{ n: unknown }>(`select count(*) as n from ${q(plan.table)}`))[0].n)
      rows += n
      log(`  ${plan.table}: ${n.toLocaleString('en-US')} rows (${((performance.now() - before) / 1000).toFixed(1)} s)`)
    }

    // Search entries of the generated documents, so search finds them.
    const before = performance.now()
    const searchMax = Number((await sql.all<{ m: unknown }>(`select max(id) as m from search_index`))[0].m ?? 0)
    const searchColumns = (await sql.columns('search_index')).map((c) => c.name)
    const documentId = `case t.document_collection ${FAMILIES.filter((f) => f !== 'locations')
      .map((f) => `when '${f.replace('_', '-')}' then cast(cast(t.document_id as integer) + s.g * ${tables.get(f)!.maxId} as text)`)
      .join(' ')} end`
    const searchSelect = searchColumns.map((name) => {
      const col = `t.${q(name)}`
      if (name === 'id') return `(${col} + s.g * ${searchMax})`
      if (name === 'document_id') return documentId
      if (name === 'slug') return `${col} || '-' || s.tag`
      if (name === 'name' || name === 'name_key' || name === 'text_key') return `${col} || ' ' || s.tag`
      return col
    })
    await sql.exec(
      `insert into search_index (${searchColumns.map(q).join(', ')}) select ${searchSelect.join(', ')} ` +
        `from search_index t cross join bench_generations s where t.id <= ${searchMax}`,
    )
    const n = Number((await sql.all<{ n: unknown }>(`select count(*) as n from search_index`))[0].n)
    rows += n
    log(`  search_index: ${n.toLocaleString('en-US')} rows (${((performance.now() - before) / 1000).toFixed(1)} s)`)

    // Page snapshots of the generated documents (src/publication), so the page endpoints serve
    // them: each template page copied under the generation's slug and name. The stored JSON is
    // the template page's with its own slug and name changed (same bytes per page as the
    // template); the ids of the records it embeds stay the template's, which no benchmark reads.
    const pagesBefore = performance.now()
    const pagesMax = Number((await sql.all<{ m: unknown }>(`select max(id) as m from published_pages`))[0].m ?? 0)
    const pageColumns = await sql.columns('published_pages')
    const asText = (col: string) => (pgsql ? `${col}::text` : col)
    const asJSON = (expr: string) => (pgsql ? `(${expr})::jsonb` : expr)
    // PostgreSQL prints jsonb as {"key": "value"}; SQLite keeps JSON.stringify's {"key":"value"}.
    const sep = pgsql ? '": "' : '":"'
    const retagged = (text: string, separator: string) =>
      `replace(replace(${text}, '"slug${separator}' || t.slug || '"', '"slug${separator}' || t.slug || '-' || s.tag || '"'), '"name${separator}' || replace(t.name, '"', '\\"') || '"', '"name${separator}' || replace(t.name, '"', '\\"') || ' ' || s.tag || '"')`
    const renamed = (col: string) => asJSON(retagged(asText(col), sep))
    const pageDocumentId = `case t.page_collection ${FAMILIES.map((f) => `when '${f.replace('_', '-')}' then cast(cast(t.document_id as integer) + s.g * ${tables.get(f)!.maxId} as text)`).join(' ')} end`
    const pageSelect = pageColumns.map(({ name }) => {
      const col = `t.${q(name)}`
      if (name === 'id') return `(${col} + s.g * ${pagesMax})`
      if (name === 'document_id') return pageDocumentId
      if (name === 'slug') return `${col} || '-' || s.tag`
      if (name === 'name' || name === 'sort_key') return `${col} || ' ' || s.tag`
      if (name === 'page' || name === 'card') return renamed(col)
      // The page's text copy (PostgreSQL: src/database keepsJsonTextCopy) is JSON.stringify's; null stays null.
      if (name === 'page_text') return retagged(col, '":"')
      return col
    })
    await sql.exec(
      `insert into published_pages (${pageColumns.map((c) => q(c.name)).join(', ')}) select ${pageSelect.join(', ')} ` +
        `from published_pages t cross join bench_generations s where t.id <= ${pagesMax}`,
    )
    const textsMax = Number((await sql.all<{ m: unknown }>(`select max(id) as m from published_pages_texts`))[0].m ?? 0)
    const textColumns = (await sql.columns('published_pages_texts')).map((c) => c.name)
    await sql.exec(
      `insert into published_pages_texts (${textColumns.map(q).join(', ')}) select ${textColumns
        .map((name) => (name === 'id' ? `(t.id + s.g * ${textsMax})` : name === 'parent_id' ? `(t.parent_id + s.g * ${pagesMax})` : `t.${q(name)}`))
        .join(', ')} from published_pages_texts t cross join bench_generations s where t.id <= ${textsMax}`,
    )
    const pages = Number((await sql.all<{ n: unknown }>(`select count(*) as n from published_pages`))[0].n)
    rows += pages
    log(`  published_pages: ${pages.toLocaleString('en-US')} rows (${((performance.now() - pagesBefore) / 1000).toFixed(1)} s)`)

    if (pgsql) {
      for (const [table, { integerId }] of [...tables.entries(), ['search_index', { integerId: true }], ['published_pages', { integerId: true }], ['published_pages_texts', { integerId: true }]] as const) {
        if (integerId) await sql.exec(`select setval(pg_get_serial_sequence('${q(table)}', 'id'), (select max(id) from ${q(table)}))`)
      }
    }
    await sql.exec('commit')
  } catch (error) {
    await sql.exec('rollback').catch(() => {})
    throw error
  }
  // What a DBA does after a bulk load. PostgreSQL: VACUUM ANALYZE, which autovacuum would do
  // soon anyway: statistics, the visibility map, and the GIN indexes' pending lists (a bulk
  // insert parks new entries there, and every full-text query read them all: 5-8 ms instead of
  // 0.2 for a search at 100k). SQLite: the template's statistics describe a few dozen rows; left
  // so, the server's start-up `PRAGMA optimize` would re-analyze the grown tables (seconds at
  // 100k) and the cold-start figure would measure that instead of a normal start.
  const statements = pgsql ? ['vacuum analyze'] : ['pragma foreign_keys = on', 'pragma analysis_limit = 0', 'analyze', 'pragma wal_checkpoint(truncate)']
  for (const statement of statements) await sql.exec(statement)
  log(`  ${rows.toLocaleString('en-US')} rows in ${tables.size + 3} tables of generated content (${((performance.now() - started) / 1000).toFixed(1)} s)`)
  return { generations, rows, tables: tables.size + 3 }
}
