/**
 * `npx tsx bench/list-plans.ts [--scale 100k]`: why the filtered, sorted list grows with the
 * content (bench/README.md, "Growth, not fixed: the list"). On a SQLite database prepared by
 * `npm run bench` at that scale, it times the two statements Payload writes for the list scenario
 * (`where[specialties][in]=<id>&sort=name&limit=20`) beside the leanest hand-written ones, each
 * run six times on one connection, and prints each one's query plan and median time. A figure,
 * not a test.
 *
 * The hand-written name-ordered page needs an index Payload does not make; it is created inside a
 * transaction that is rolled back, so the prepared database is left exactly as it was.
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { DATA_DIR } from './prepare'
import { connect } from './sql'

const { values } = parseArgs({ options: { scale: { type: 'string', default: '100k' } } })
const marker = path.join(DATA_DIR, `sqlite-${values.scale}.json`)
if (!fs.existsSync(marker)) throw new Error(`No prepared SQLite database at scale ${values.scale}: run \`npm run bench -- --scale ${values.scale}\` first.`)
const prepared = JSON.parse(fs.readFileSync(marker, 'utf8')) as { uri: string; samples: { specialtyId: number | null } }
const specialty = prepared.samples.specialtyId
if (specialty === null) throw new Error('This database has no specialty to filter by.')

// The filter and the access rule (anonymous readers see published conditions), as Payload joins them.
const payloadJoins = `from "conditions"
  left join "conditions_rels" r on ("conditions"."id" = r."parent_id" and r."path" like 'specialties')
  left join "specialties" s on s."id" = r."specialties_id"`
const payloadFilter = `where (r."specialties_id" in (${specialty}) and "conditions"."_status" = 'published')`
const names = `left join "conditions_locales" on ("conditions"."id" = "conditions_locales"."_parent_id" and "conditions_locales"."_locale" = 'en')`

const statements: { label: string; sql: string; withNameIndex?: boolean }[] = [
  {
    label: "Payload's page (sort=name)",
    sql: `select distinct "conditions"."id", "conditions_locales"."name", "conditions_locales"."name", "conditions"."created_at", "conditions"."created_at"
      ${payloadJoins} ${names} ${payloadFilter}
      order by "conditions_locales"."name" asc, "conditions"."created_at" desc limit 20`,
  },
  {
    label: "Payload's count",
    sql: `select COUNT(1) OVER() ${payloadJoins} ${names} ${payloadFilter} group by "conditions"."id" limit 1`,
  },
  {
    label: "Payload's page (sort=slug, no names table)",
    sql: `select distinct "conditions"."id", "conditions"."slug", "conditions"."slug", "conditions"."created_at", "conditions"."created_at"
      ${payloadJoins} ${payloadFilter}
      order by "conditions"."slug" asc, "conditions"."created_at" desc limit 20`,
  },
  {
    label: 'Leanest exact count',
    sql: `select count(distinct r.parent_id) from conditions_rels r join conditions c on c.id = r.parent_id
      where r.specialties_id in (${specialty}) and r.path like 'specialties' and c._status = 'published'`,
  },
  {
    label: 'Page from the names, by hand (with an index on _locale, name, _parent_id)',
    withNameIndex: true,
    sql: `select c.id, l.name, c.created_at from conditions_locales l cross join conditions c on c.id = l._parent_id
      where l._locale = 'en' and c._status = 'published'
        and exists (select 1 from conditions_rels r where r.parent_id = c.id and r.path like 'specialties' and r.specialties_id in (${specialty}))
      order by l.name asc, c.created_at desc limit 20`,
  },
]

const db = await connect(prepared.uri)
try {
  const [{ matches }] = await db.all<{ matches: number }>(`select count(*) as matches from conditions_rels where specialties_id = ${specialty}`)
  const [{ conditions }] = await db.all<{ conditions: number }>('select count(*) as conditions from conditions')
  console.log(`${prepared.uri}: ${conditions} conditions, ${matches} in specialty ${specialty}\n`)
  for (const { label, sql, withNameIndex } of statements) {
    if (withNameIndex) {
      await db.exec('BEGIN')
      await db.exec('CREATE INDEX bench_list_plans_names ON conditions_locales (_locale, name, _parent_id)')
    }
    try {
      const plan = await db.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
      const times: number[] = []
      let rows = 0
      for (let i = 0; i < 6; i++) {
        const started = performance.now()
        rows = (await db.all(sql)).length
        times.push(performance.now() - started)
      }
      times.sort((a, b) => a - b)
      console.log(`${label}: median ${((times[2] + times[3]) / 2).toFixed(2)} ms (fastest ${times[0].toFixed(2)}, slowest ${times[5].toFixed(2)}), ${rows} rows`)
      for (const { detail } of plan) console.log(`    ${detail}`)
    } finally {
      if (withNameIndex) await db.exec('ROLLBACK')
    }
  }
} finally {
  await db.close()
}
