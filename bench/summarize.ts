/**
 * `npx tsx bench/summarize.ts [DIR]`: Markdown tables across every (database, scale) in
 * bench/results/ (the latest run of each): growth (p50 at one connection, cache off, smallest
 * against largest scale), then every scenario at 16 connections: the figures the README cites.
 */
import fs from 'node:fs'
import path from 'node:path'

import type { BenchResult } from './report'

const dir = process.argv[2] ?? path.join(import.meta.dirname, 'results')
const latest = new Map<string, BenchResult>()
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  const result = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as BenchResult
  if (result.harness === 1 && !result.smoke) latest.set(`${result.database} ${result.scale}`, result)
}
const results = [...latest.values()].sort((a, b) => a.database.localeCompare(b.database) || a.scale - b.scale)
const n = (v: number | null | undefined, d = 0) => (v === null || v === undefined || Number.isNaN(v) ? '-' : v.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }))

console.log('| Database | Scenario | p50 small (ms) | p50 large (ms) | large / small |')
console.log('|---|---|---:|---:|---:|')
for (const database of new Set(results.map((r) => r.database))) {
  const runs = results.filter((r) => r.database === database)
  if (runs.length < 2) continue
  const [small, large] = [runs[0], runs[runs.length - 1]]
  const p50 = (r: BenchResult, scenario: string) => r.rows.find((x) => x.scenario === scenario && x.server === 'uncached' && x.concurrency === 1)?.p50
  for (const s of small.scenarios) {
    const [a, b] = [p50(small, s.id), p50(large, s.id)]
    console.log(`| ${database} (${small.label} -> ${large.label}) | ${s.id} | ${n(a, 2)} | ${n(b, 2)} | ${a && b ? n(b / a, 2) : '-'} |`)
  }
}
console.log('')
console.log('| Database | Scale | Scenario | Uncached req/s | p50 / p99 ms | Ratio | Cached req/s | p50 / p99 ms | Ratio | Queries |')
console.log('|---|---|---|---:|---:|---:|---:|---:|---:|---:|')
for (const r of results) {
  for (const s of r.scenarios) {
    const row = (server: string) => r.rows.find((x) => x.scenario === s.id && x.server === server && x.concurrency === 16)
    const u = row('uncached')
    const c = row('cached')
    const q = r.queries.find((x) => x.scenario === s.id)?.steady
    console.log(
      `| ${r.database} | ${r.label} | ${s.id} | ${n(u?.rps)} | ${n(u?.p50, 1)} / ${n(u?.p99, 1)} | ${n(u?.ratio, 3)} | ${n(c?.rps)} | ${c ? `${n(c.p50, 1)} / ${n(c.p99, 1)}` : '-'} | ${n(c?.ratio, 3)} | ${q ?? '-'} |`,
    )
  }
}
console.log('')
console.log('| Database | Scale | Prepared in | Cold start API-only (cache on) | Cold start full | Largest RSS after a run | Import | Load average start / end |')
console.log('|---|---|---:|---:|---:|---:|---:|---:|')
for (const r of results) {
  const cold = (mode: string) => r.coldStart.find((c) => c.mode === mode && c.cache === 'on')
  const rss = Math.max(0, ...r.rows.filter((x) => x.server !== 'baseline').map((x) => x.rssMb ?? 0))
  console.log(
    `| ${r.database} | ${r.label} | ${n(r.preparation.seconds.total, 1)} s (generation ${n(r.preparation.seconds.generate, 1)} s) | ${cold('api-only') ? `${n(cold('api-only')!.firstRequestMs)} ms` : '-'} | ${cold('full') ? `${n(cold('full')!.firstRequestMs)} ms` : '-'} | ${rss} MB | ${r.import ? `${n(r.import.documentsPerSecond, 1)} docs/s` : '-'} | ${r.machine.loadAverage ? `${r.machine.loadAverage.start} / ${r.machine.loadAverage.end}` : '-'} |`,
  )
}
