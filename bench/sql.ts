/**
 * A minimal SQL connection for the generator, the same calls on SQLite (libSQL, the driver
 * Payload's adapter uses) and PostgreSQL (pg), plus schema introspection.
 */
import { createClient } from '@libsql/client'
import pg from 'pg'

export type Dialect = 'sqlite' | 'postgres'

export interface Column {
  name: string
  integer: boolean
}

export interface ForeignKey {
  column: string
  references: string
}

export interface Sql {
  dialect: Dialect
  exec(sql: string): Promise<void>
  all<T = Record<string, unknown>>(sql: string): Promise<T[]>
  tables(): Promise<string[]>
  columns(table: string): Promise<Column[]>
  foreignKeys(table: string): Promise<ForeignKey[]>
  close(): Promise<void>
}

export const q = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`

export async function connect(uri: string): Promise<Sql> {
  if (uri.startsWith('file:')) {
    const client = createClient({ url: uri })
    const all = async <T>(sql: string) => (await client.execute(sql)).rows as unknown as T[]
    return {
      dialect: 'sqlite',
      // One statement per call: executeMultiple() would roll back an open transaction.
      async exec(sql) {
        await client.execute(sql)
      },
      all,
      async tables() {
        return (await all<{ name: string }>(`select name from sqlite_master where type = 'table' order by name`)).map((r) => r.name)
      },
      async columns(table) {
        const rows = await all<{ name: string; type: string }>(`pragma table_info(${q(table)})`)
        return rows.map((r) => ({ name: r.name, integer: /int/i.test(r.type) }))
      },
      async foreignKeys(table) {
        const rows = await all<{ from: string; table: string }>(`pragma foreign_key_list(${q(table)})`)
        return rows.map((r) => ({ column: r.from, references: r.table }))
      },
      async close() {
        client.close()
      },
    }
  }
  const client = new pg.Client({ connectionString: uri })
  await client.connect()
  const all = async <T>(sql: string) => (await client.query(sql)).rows as T[]
  return {
    dialect: 'postgres',
    async exec(sql) {
      await client.query(sql)
    },
    all,
    async tables() {
      return (await all<{ name: string }>(`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`)).map((r) => r.name)
    },
    async columns(table) {
      const rows = await all<{ name: string; type: string }>(
        `select column_name as name, data_type as type from information_schema.columns where table_schema = 'public' and table_name = '${table}' order by ordinal_position`,
      )
      return rows.map((r) => ({ name: r.name, integer: /int|serial/i.test(r.type) }))
    },
    async foreignKeys(table) {
      return all<ForeignKey>(
        `select a.attname as column, r.relname as references
           from pg_constraint c
           join pg_class t on t.oid = c.conrelid
           join pg_class r on r.oid = c.confrelid
           join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any(c.conkey)
          where c.contype = 'f' and t.relname = '${table}'`,
      )
    },
    async close() {
      await client.end()
    },
  }
}

/** Runs `sql` against the server's `postgres` database (CREATE / DROP DATABASE). */
export async function postgresAdmin(serverUri: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUri.replace(/\/[^/]*$/, '/postgres') })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}
