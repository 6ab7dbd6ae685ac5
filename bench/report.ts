/**
 * The result file's shape, its Markdown summary, and the latency-vs-scale plot drawn (as
 * hand-written SVG) from every result JSON in a folder.
 */
import fs from 'node:fs'
import path from 'node:path'

import type { LoadResult } from './load'

/** One load run: autocannon's figures (bench/load.ts) and what it ran against. */
export interface Row extends Omit<LoadResult, 'seconds' | 'bytes'> {
  scenario: string
  label: string
  server: 'uncached' | 'cached' | 'baseline' | 'stock'
  concurrency: number
  /** The baseline's requests/s for the same body and concurrency, and this row's share of it. */
  baselineRps: number | null
  ratio: number | null
  rssMb: number | null
  /** Each paired round's ratio (this row is the median round's); absent in results before rounds. */
  rounds?: number[]
  /** The server's CPU time per request in this run (ms), from /proc. */
  cpuMsPerRequest?: number | null
  /** Size of one response body (not the bytes the run read in all). */
  bytes: number
}

export interface BenchResult {
  harness: 1
  startedAt: string
  finishedAt: string
  database: string
  scale: number
  label: string
  smoke: boolean
  durationSeconds: number
  concurrencies: number[]
  pinned: boolean
  /** loadAverage: the 1-minute load average at the start and end of the run; above the core count, other work competed. */
  machine: { cpus: number; model: string; node: string; memoryGb: number; loadAverage?: { start: number; end: number } }
  preparation: {
    cached: boolean
    seconds: { seed: number; generate: number; total: number }
    generations: number
    rows: number
    counts: Record<string, number>
    samples: unknown
  }
  /**
   * Stock Payload (bench/stock/) answering the same read in the same run: its figures beside
   * Careline's uncached ones, and how many times Careline's requests/s stock's is.
   */
  comparator?: {
    system: string
    scenario: string
    bytes: number
    carelineBytes: number
    conditions: number
    rows: {
      concurrency: number
      stockRps: number
      stockP50: number
      stockP99: number
      carelineRps: number | null
      carelineP50: number | null
      carelineP99: number | null
      stockOverCareline: number | null
      /** Each paired round's stock / Careline (the row is the median round's). */
      rounds?: number[]
      /** CPU time per request (ms) in the round with the median CPU ratio, and Careline's over stock's. */
      carelineCpuMsPerRequest?: number | null
      stockCpuMsPerRequest?: number | null
      cpuCarelineOverStock?: number | null
    }[]
  } | null
  scenarios: { id: string; label: string; path: string; bytes: number | null }[]
  coldStart: { mode: 'api-only' | 'full'; cache: 'on' | 'off'; listeningMs: number; firstRequestMs: number; rssMbAtStart: number | null; firstSitePageMs?: number }[]
  rows: Row[]
  queries: { scenario: string; first: number | null; steady: number | null }[]
  /** Queries of the condition page for conditions with different numbers of related records. */
  pageQueries?: { slug: string; related: number; queries: number | null }[]
  import: { count: number; seconds: number; documentsPerSecond: number } | null
  failures: string[]
}

const n = (value: number | null | undefined, digits = 1) =>
  value === null || value === undefined || Number.isNaN(value) ? '-' : value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })

export function markdownOf(result: BenchResult): string {
  const lines: string[] = []
  const counts = result.preparation.counts
  lines.push(`## ${result.database}, scale ${result.label}${result.smoke ? ' (smoke)' : ''}: ${result.startedAt}`)
  lines.push('')
  lines.push(
    `${n(counts.conditions, 0)} conditions, ${n(counts.symptoms, 0)} symptoms, ${n(counts.treatments, 0)} treatments, ${n(counts.diagnostic_tests, 0)} diagnostic tests, ` +
      `${n(counts.locations, 0)} locations, ${n(counts.search_index, 0)} search entries (${n(result.preparation.rows, 0)} rows in the content tables). ` +
      `Prepared in ${n(result.preparation.seconds.total)} s (seed template ${n(result.preparation.seconds.seed)} s, SQL generation ${n(result.preparation.seconds.generate)} s)` +
      `${result.preparation.cached ? ', by an earlier run (cached)' : ''}.`,
  )
  lines.push(
    `${result.machine.cpus} cores (${result.machine.model}), Node ${result.machine.node}; ${result.durationSeconds} s per run; ` +
      (result.pinned ? 'server pinned to core 0, autocannon to core 1.' : 'not pinned.') +
      (result.machine.loadAverage ? ` Load average (1 min) ${result.machine.loadAverage.start} at the start, ${result.machine.loadAverage.end} at the end.` : ''),
  )
  lines.push('')
  lines.push('| Scenario | Server | Conn. | req/s | p50 ms | p95 ms | p99 ms | Baseline req/s | Ratio | Rounds | CPU ms/req | Errors | RSS MB |')
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|')
  const order = ['uncached', 'stock', 'cached']
  const rows = [...result.rows.filter((r) => r.server !== 'baseline')].sort(
    (a, b) => result.scenarios.findIndex((s) => s.id === a.scenario) - result.scenarios.findIndex((s) => s.id === b.scenario) || order.indexOf(a.server) - order.indexOf(b.server) || a.concurrency - b.concurrency,
  )
  for (const row of rows) {
    lines.push(
      `| ${row.scenario} | ${row.server} | ${row.concurrency} | ${n(row.rps, 0)} | ${n(row.p50, 2)} | ${n(row.p95, 2)} | ${n(row.p99, 2)} | ${n(row.baselineRps, 0)} | ${n(row.ratio, 3)} | ${row.rounds && row.rounds.length > 1 ? row.rounds.map((r) => n(r, 3)).join(', ') : '-'} | ${n(row.cpuMsPerRequest, 3)} | ${row.errors + row.non2xx + row.timeouts} | ${row.rssMb ?? '-'} |`,
    )
  }
  lines.push('')
  if (result.comparator) {
    const c = result.comparator
    lines.push(`Beside stock Payload (${c.system}, ${n(c.conditions, 0)} conditions; its answer ${n(c.bytes, 0)} bytes, Careline's ${n(c.carelineBytes, 0)}), \`${c.scenario}\`, cache off:`)
    lines.push('')
    lines.push('| Conn. | Careline req/s | p50 / p99 ms | Stock req/s | p50 / p99 ms | Stock / Careline | Rounds | CPU ms/req Careline / stock |')
    lines.push('|---:|---:|---:|---:|---:|---:|---|---:|')
    for (const r of c.rows) {
      const cpu = r.cpuCarelineOverStock ? `${n(r.carelineCpuMsPerRequest, 2)} / ${n(r.stockCpuMsPerRequest, 2)} (${n(r.cpuCarelineOverStock, 2)}x)` : '-'
      lines.push(`| ${r.concurrency} | ${n(r.carelineRps, 0)} | ${n(r.carelineP50)} / ${n(r.carelineP99)} | ${n(r.stockRps, 0)} | ${n(r.stockP50)} / ${n(r.stockP99)} | ${n(r.stockOverCareline, 2)} | ${r.rounds && r.rounds.length > 1 ? r.rounds.map((x) => n(x, 2)).join(', ') : '-'} | ${cpu} |`)
    }
    lines.push('')
  }
  lines.push('Scenarios (baseline: bare Express sending the same bytes):')
  lines.push('')
  for (const s of result.scenarios) lines.push(`- \`${s.id}\`: ${s.label}, ${n(s.bytes, 0)} bytes. \`${s.path.length > 120 ? s.path.slice(0, 120) + '...' : s.path}\``)
  lines.push('')
  lines.push('| Cold start | Cache | Listening | First request served | RSS at start |')
  lines.push('|---|---|---:|---:|---:|')
  for (const c of result.coldStart) lines.push(`| ${c.mode} | ${c.cache} | ${n(c.listeningMs, 0)} ms | ${n(c.firstRequestMs, 0)} ms | ${c.rssMbAtStart ?? '-'} MB |`)
  lines.push('')
  lines.push(`Database queries per request (cache off; first request / steady state): ${result.queries.map((q) => `${q.scenario} ${q.first ?? '-'} / ${q.steady ?? '-'}`).join(', ')}.`)
  lines.push('')
  if (result.pageQueries?.length) {
    lines.push(`Condition page queries by fan-out: ${result.pageQueries.map((p) => `${p.related} related records: ${p.queries ?? '-'}`).join('; ')}.`)
    lines.push('')
  }
  const maxRss = Math.max(0, ...result.rows.filter((r) => r.server !== 'baseline').map((r) => r.rssMb ?? 0))
  lines.push(`Largest server RSS after a load run: ${maxRss} MB.`)
  if (result.import) {
    lines.push(
      `Import: ${result.import.count} generated documents through the importer in ${result.import.seconds} s, ${n(result.import.documentsPerSecond)} documents/s (10k at this rate: about ${n(10_000 / result.import.documentsPerSecond, 0)} s).`,
    )
  }
  if (result.failures.length) lines.push('', `Problems: ${result.failures.join('; ')}`)
  lines.push('')
  return lines.join('\n')
}

// ---------------------------------------------------------------------------------------------
// latency-vs-scale.svg

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf']
const escapeXml = (text: string) => text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!)

/** p50 at 16 connections (cache off) against scale, one line per scenario and database. */
export function writePlot(dir: string): string | null {
  const results = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as BenchResult)
    .filter((r) => r.harness === 1 && !r.smoke)
  if (!results.length) return null
  // The latest run for each (database, scale).
  const latest = new Map<string, BenchResult>()
  for (const r of results.sort((a, b) => a.startedAt.localeCompare(b.startedAt))) latest.set(`${r.database} ${r.scale}`, r)
  const series = new Map<string, { scenario: string; database: string; points: { scale: number; p50: number }[] }>()
  for (const r of latest.values()) {
    for (const row of r.rows) {
      // A run in which no request completed has no latency to plot.
      if (row.server !== 'uncached' || row.concurrency !== 16 || typeof row.p50 !== 'number' || !Number.isFinite(row.p50) || !row.requests) continue
      const key = `${row.scenario} ${r.database}`
      const entry = series.get(key) ?? { scenario: row.scenario, database: r.database, points: [] }
      entry.points.push({ scale: r.scale, p50: row.p50 })
      series.set(key, entry)
    }
  }
  for (const s of series.values()) s.points.sort((a, b) => a.scale - b.scale)
  const scenarios = [...new Set([...series.values()].map((s) => s.scenario))]
  const all = [...series.values()].flatMap((s) => s.points)
  const width = 860
  const height = 520
  const plot = { left: 70, right: 620, top: 50, bottom: 450 }
  const minScale = Math.min(...all.map((p) => p.scale))
  const maxScale = Math.max(...all.map((p) => p.scale))
  const lo = Math.floor(Math.log10(minScale))
  const hi = Math.max(lo + 1, Math.ceil(Math.log10(maxScale)))
  // Log scales on both axes: equal growth factors look the same for fast and slow scenarios.
  const yLo = Math.floor(Math.log10(Math.max(0.01, Math.min(...all.map((p) => p.p50)))))
  const yHi = Math.max(yLo + 1, Math.ceil(Math.log10(Math.max(...all.map((p) => p.p50)))))
  const x = (scale: number) => plot.left + ((Math.log10(scale) - lo) / (hi - lo)) * (plot.right - plot.left)
  const y = (ms: number) => plot.bottom - ((Math.log10(Math.max(ms, 10 ** yLo)) - yLo) / (yHi - yLo)) * (plot.bottom - plot.top)
  const out: string[] = []
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`)
  out.push(`<rect width="${width}" height="${height}" fill="#fff"/>`)
  out.push(`<text x="${plot.left}" y="24" font-size="15" font-weight="bold">Careline: p50 latency vs. scale (16 connections, response cache off)</text>`)
  for (let e = lo; e <= hi; e++) {
    const scale = 10 ** e
    out.push(`<line x1="${x(scale)}" y1="${plot.top}" x2="${x(scale)}" y2="${plot.bottom}" stroke="#ddd"/>`)
    out.push(`<text x="${x(scale)}" y="${plot.bottom + 18}" text-anchor="middle">${scale >= 1000 ? `${scale / 1000}k` : scale}</text>`)
  }
  for (let e = yLo; e <= yHi; e++) {
    for (const step of [1, 2, 5]) {
      const ms = step * 10 ** e
      if (ms > 10 ** yHi) break
      out.push(`<line x1="${plot.left}" y1="${y(ms).toFixed(1)}" x2="${plot.right}" y2="${y(ms).toFixed(1)}" stroke="${step === 1 ? '#ddd' : '#f2f2f2'}"/>`)
      out.push(`<text x="${plot.left - 8}" y="${(y(ms) + 4).toFixed(1)}" text-anchor="end">${Number(ms.toPrecision(2))}</text>`)
    }
  }
  out.push(`<line x1="${plot.left}" y1="${plot.bottom}" x2="${plot.right}" y2="${plot.bottom}" stroke="#333"/>`)
  out.push(`<line x1="${plot.left}" y1="${plot.top}" x2="${plot.left}" y2="${plot.bottom}" stroke="#333"/>`)
  out.push(`<text x="${(plot.left + plot.right) / 2}" y="${plot.bottom + 40}" text-anchor="middle">conditions (log scale)</text>`)
  out.push(`<text transform="translate(20 ${(plot.top + plot.bottom) / 2}) rotate(-90)" text-anchor="middle">p50 latency, ms (log scale)</text>`)
  let legendY = plot.top
  for (const s of series.values()) {
    const color = COLORS[scenarios.indexOf(s.scenario) % COLORS.length]
    const dash = s.database === 'postgres' ? ' stroke-dasharray="6 4"' : ''
    const marker = (px: number, py: number, title = '') => {
      const tip = title ? `<title>${escapeXml(title)}</title>` : ''
      return s.database === 'postgres'
        ? `<rect x="${(px - 3.5).toFixed(1)}" y="${(py - 3.5).toFixed(1)}" width="7" height="7" fill="${color}">${tip}</rect>`
        : `<circle cx="${px.toFixed(1)}" cy="${py.toFixed(1)}" r="3.5" fill="${color}">${tip}</circle>`
    }
    out.push(`<polyline fill="none" stroke="${color}" stroke-width="2"${dash} points="${s.points.map((p) => `${x(p.scale).toFixed(1)},${y(p.p50).toFixed(1)}`).join(' ')}"/>`)
    for (const p of s.points) out.push(marker(x(p.scale), y(p.p50), `${s.scenario}, ${s.database}, ${p.scale} conditions: p50 ${p.p50} ms`))
    out.push(`<line x1="${plot.right + 20}" y1="${legendY}" x2="${plot.right + 50}" y2="${legendY}" stroke="${color}" stroke-width="2"${dash}/>${marker(plot.right + 35, legendY)}`)
    out.push(`<text x="${plot.right + 58}" y="${legendY + 4}">${escapeXml(`${s.scenario} (${s.database})`)}</text>`)
    legendY += 18
  }
  out.push(`<text x="${plot.left}" y="${height - 12}" fill="#555">Solid, circles: SQLite; dashed, squares: PostgreSQL. The latest run per database and scale in bench/results/.</text>`)
  out.push('</svg>')
  const file = path.join(dir, 'latency-vs-scale.svg')
  fs.writeFileSync(file, out.join('\n') + '\n')
  return file
}
