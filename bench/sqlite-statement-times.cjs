/**
 * Where the SQLite time goes, statement by statement, for any Careline process on SQLite:
 *
 *   node --require ./bench/sqlite-statement-times.cjs --import tsx scripts/bench-import.ts --count 200
 *
 * Wraps libSQL's driver (the one Payload's SQLite adapter uses) so each statement's preparation
 * and each run are timed; at exit it prints, to stderr, the totals by kind (prepare, all: reading
 * rows, run: statements that return none) and the statements that took longest in all. A
 * profiling aid, never loaded by the server or the tests. `SQLITE_STATEMENT_TOP=N` sets how many
 * statements are listed (default 25).
 */
const { createRequire } = require('node:module')

// Resolved as libsqlDatabase() in src/database/internals.ts does: a CommonJS preload cannot import that module.
const fromAdapter = createRequire(require.resolve('@payloadcms/db-sqlite'))
const Database = createRequire(fromAdapter.resolve('@libsql/client'))('libsql')

const totals = new Map()
const normalized = (sql) =>
  sql.replace(/\s+/g, ' ').replace(/\?(, ?\?)+/g, '?, ...').replace(/\((\?, \.\.\.|\?)\)(, \((\?, \.\.\.|\?)\))+/g, '(...), ...').slice(0, 160)
const record = (kind, sql, ms) => {
  const key = `${kind.padEnd(7)} ${normalized(sql)}`
  const entry = totals.get(key) ?? { count: 0, ms: 0 }
  entry.count++
  entry.ms += ms
  totals.set(key, entry)
}
const timed = (kind, sql, run) => {
  const started = process.hrtime.bigint()
  try {
    return run()
  } finally {
    record(kind, sql, Number(process.hrtime.bigint() - started) / 1e6)
  }
}

const prepare = Database.prototype.prepare
Database.prototype.prepare = function (sql) {
  const statement = timed('prepare', sql, () => prepare.call(this, sql))
  // `all` reads through `iterate`, so only the outer calls are timed.
  for (const method of ['all', 'run', 'get']) {
    const original = statement[method]
    if (typeof original === 'function') statement[method] = (...args) => timed(method, sql, () => original.apply(statement, args))
  }
  return statement
}

process.on('exit', () => {
  const entries = [...totals].sort((a, b) => b[1].ms - a[1].ms)
  const byKind = {}
  for (const [key, { count, ms }] of entries) {
    const kind = key.slice(0, 7).trim()
    byKind[kind] ??= { count: 0, ms: 0 }
    byKind[kind].count += count
    byKind[kind].ms += ms
  }
  const total = entries.reduce((sum, [, { ms }]) => sum + ms, 0)
  const lines = [`SQLite statements: ${total.toFixed(0)} ms in all`]
  for (const [kind, { count, ms }] of Object.entries(byKind)) lines.push(`  ${kind}: ${count} calls, ${ms.toFixed(0)} ms`)
  lines.push('  ms        calls  statement')
  for (const [key, { count, ms }] of entries.slice(0, Number(process.env.SQLITE_STATEMENT_TOP ?? 25))) {
    lines.push(`  ${ms.toFixed(0).padStart(8)}  ${String(count).padStart(6)}  ${key}`)
  }
  process.stderr.write(`${lines.join('\n')}\n`)
})
