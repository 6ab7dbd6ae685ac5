/**
 * `npx tsx bench/list-plans.ts [--scale 100k]`: why the filtered, sorted list grows with the
 * content (bench/README.md, "Growth, not fixed: the list"). On a SQLite database prepared by
 * `npm run bench` at that scale, it runs the list scenario through Payload as an anonymous reader
 * (`where[specialties][in]=<id>`, 20 per page, sorted by name, then by slug), captures the
 * statements Payload sends the driver, and times each of them beside the leanest hand-written
 * ones: six runs each on one connection, printing the median and the query plan. A figure, not a
 * test; CI runs it on the smoke database so it keeps working.
 *
 * The hand-written name-ordered page needs an index Payload does not make; it is created inside a
 * transaction that is rolled back, so the prepared database is left as it was (opening Careline on
 * it does what the server does at start: on a prepared database, nothing).
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { libsqlDatabase } from '../src/database'
import { DATA_DIR } from './prepare'

const { values } = parseArgs({ options: { scale: { type: 'string', default: '100k' } } })
const marker = path.join(DATA_DIR, `sqlite-${values.scale}.json`)
if (!fs.existsSync(marker)) {
  throw new Error(`No prepared SQLite database at scale ${values.scale}: run \`npm run bench -- --scale ${values.scale}\` first.`)
}
const prepared = JSON.parse(fs.readFileSync(marker, 'utf8')) as { uri: string; samples: { specialtyId: number | null } }
const specialty = prepared.samples.specialtyId
if (specialty === null) throw new Error('This database has no specialty to filter by.')

interface Statement {
  all(values?: unknown[]): unknown[]
}
interface Connection {
  prepare(sql: string): Statement
  exec(sql: string): void
  close(): void
}
const Database = libsqlDatabase() as unknown as { new (path: string): Connection; prototype: Connection }

/** The statements (and their bound values) the driver is given while `work` runs. */
async function statementsOf(work: () => Promise<unknown>): Promise<{ sql: string; values: unknown[] }[]> {
  const seen: { sql: string; values: unknown[] }[] = []
  const prepare = Database.prototype.prepare
  Database.prototype.prepare = function (this: Connection, sql: string) {
    const statement = prepare.call(this, sql)
    const all = statement.all
    statement.all = (values: unknown[] = []) => {
      seen.push({ sql, values })
      return all.call(statement, values)
    }
    return statement
  }
  try {
    await work()
  } finally {
    Database.prototype.prepare = prepare
  }
  return seen
}

process.env.DATABASE_URI = prepared.uri
const { openCareline } = await import('../src/runtime')
const { closeDatabase } = await import('../src/database')
const payload = await openCareline()
const listBy = (sort: string) => () =>
  payload.find({ collection: 'conditions', where: { specialties: { in: [specialty] } }, sort, limit: 20, depth: 0, overrideAccess: false })
const byName = await statementsOf(listBy('name'))
const bySlug = await statementsOf(listBy('slug'))
await closeDatabase(payload)

const [pageByName, countByName] = byName
const [pageBySlug] = bySlug
if (!/distinct/i.test(pageByName?.sql ?? '') || !/count/i.test(countByName?.sql ?? '')) {
  throw new Error(`Payload's list no longer starts with a page query and a count; read these and update this script:\n${byName.map((s) => s.sql).join('\n')}`)
}

const statements: { label: string; sql: string; values?: unknown[]; withNameIndex?: boolean }[] = [
  { label: "Payload's page query (sort=name)", ...pageByName },
  { label: "Payload's count", ...countByName },
  { label: "Payload's page query (sort=slug: no names table)", ...pageBySlug },
  {
    label: 'Leanest exact count, by hand',
    sql: `select count(distinct r.parent_id) from conditions_rels r join conditions c on c.id = r.parent_id
      where r.specialties_id = ? and r.path = 'specialties' and c._status = 'published'`,
    values: [specialty],
  },
  {
    label: 'Page starting from the names, by hand (with an index on _locale, name, _parent_id)',
    withNameIndex: true,
    sql: `select c.id, l.name, c.created_at from conditions_locales l cross join conditions c on c.id = l._parent_id
      where l._locale = 'en' and c._status = 'published'
        and exists (select 1 from conditions_rels r where r.parent_id = c.id and r.path = 'specialties' and r.specialties_id = ?)
      order by l.name asc, c.created_at desc limit 20`,
    values: [specialty],
  },
]

const db = new Database(prepared.uri.slice('file:'.length))
try {
  const count = (sql: string) => Number((db.prepare(sql).all()[0] as Record<string, unknown>).n)
  console.log(
    `${prepared.uri}: ${count('select count(*) as n from conditions')} conditions, ` +
      `${count(`select count(*) as n from conditions_rels where specialties_id = ${Number(specialty)}`)} in specialty ${specialty}\n`,
  )
  for (const { label, sql, values = [], withNameIndex } of statements) {
    if (withNameIndex) {
      db.exec('BEGIN')
      db.exec('CREATE INDEX bench_list_plans_names ON conditions_locales (_locale, name, _parent_id)')
    }
    try {
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(values) as { detail: string }[]
      const times: number[] = []
      let rows = 0
      for (let i = 0; i < 6; i++) {
        const started = performance.now()
        rows = db.prepare(sql).all(values).length
        times.push(performance.now() - started)
      }
      times.sort((a, b) => a - b)
      console.log(`${label}: median ${((times[2] + times[3]) / 2).toFixed(2)} ms (fastest ${times[0].toFixed(2)}, slowest ${times[5].toFixed(2)}), ${rows} rows`)
      for (const { detail } of plan) console.log(`    ${detail}`)
    } finally {
      if (withNameIndex) db.exec('ROLLBACK')
    }
  }
} finally {
  db.close()
}
