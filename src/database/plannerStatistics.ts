/**
 * SQLite plans queries from the statistics ANALYZE leaves in sqlite_stat1. Without them, or with
 * sampled ones, it picks indexes that match almost every row: at 100k conditions it read
 * locations by `_status` instead of latitude (48 ms instead of 0.7 for a nearby query) and
 * versions by `latest` instead of their slug (a draft read over a second instead of 40 ms). A
 * sample (`PRAGMA analysis_limit`) is not enough: it caps the rows-per-value estimate at the
 * sample size, so a two-valued `_status` looked as selective as a latitude range.
 */
import type { Payload } from 'payload'

/**
 * Analyzes in full every table that holds rows but has no statistics (a new database: nothing to
 * read; a restored or bulk-loaded one: seconds at 100k, once), and lets `PRAGMA optimize`
 * re-analyze the tables whose size has changed tenfold since. Run at start (src/runtime.ts) and
 * every few hours by the server (src/server.ts), as SQLite advises for long-running processes.
 * Does nothing on other databases.
 */
export async function refreshQueryPlannerStatistics(payload: Payload): Promise<{ analyzed: string[] }> {
  const db = payload.db as unknown as { name: string; client?: { execute(sql: string): Promise<{ rows: Record<string, unknown>[] }> } }
  if (db.name !== 'sqlite' || !db.client) return { analyzed: [] }
  const client = db.client
  await client.execute('PRAGMA analysis_limit = 0')
  const hasStatistics = (await client.execute("select 1 from sqlite_master where name = 'sqlite_stat1'")).rows.length > 0
  const { rows } = await client.execute(
    "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and sql not like 'CREATE VIRTUAL TABLE%'" +
      (hasStatistics ? ' and name not in (select tbl from sqlite_stat1)' : ''),
  )
  const analyzed: string[] = []
  for (const { name } of rows) {
    const table = `"${String(name).replaceAll('"', '""')}"`
    if (!(await client.execute(`select 1 from ${table} limit 1`)).rows.length) continue
    await client.execute(`ANALYZE ${table}`)
    analyzed.push(String(name))
  }
  await client.execute('PRAGMA optimize = 0x10002')
  return { analyzed }
}
