/**
 * A PostgreSQL server of the test's own (initdb in a temporary directory, its own port), for
 * fault tests that stop and start the database: the shared server is never touched. Uses the
 * installed PostgreSQL binaries; as root, runs them as the `postgres` user, as PostgreSQL wants.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { freePort } from './browser'

const binDir = () => {
  if (process.env.PG_BIN_DIR) return process.env.PG_BIN_DIR
  const versions = fs.existsSync('/usr/lib/postgresql') ? fs.readdirSync('/usr/lib/postgresql').sort() : []
  if (!versions.length) throw new Error('No PostgreSQL binaries in /usr/lib/postgresql; set PG_BIN_DIR.')
  return `/usr/lib/postgresql/${versions.at(-1)}/bin`
}

export interface ThrowawayPostgres {
  uri: string
  port: number
  start(): void
  /** `immediate` is a crash as far as clients can tell: no goodbye to connected sessions. */
  stop(mode?: 'fast' | 'immediate'): void
  /** Another empty database on this server; returns its URI. */
  createDatabase(name: string): string
  destroy(): void
}

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'careline-pg-'))
  const data = path.join(dir, 'data')
  const port = await freePort()
  const asRoot = process.getuid?.() === 0
  const run = (binary: string, args: string[]) => {
    const command = path.join(binDir(), binary)
    const result = asRoot
      ? spawnSync('runuser', ['-u', 'postgres', '--', command, ...args], { encoding: 'utf8' })
      : spawnSync(command, args, { encoding: 'utf8' })
    if (result.status !== 0) throw new Error(`${binary} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`)
  }
  if (asRoot) execFileSync('chown', ['postgres', dir])
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync'])
  const start = () =>
    run('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', '-t', '30', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start'])
  start()
  run('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'careline'])
  return {
    uri: `postgres://postgres@127.0.0.1:${port}/careline`,
    port,
    start,
    stop: (mode = 'fast') => run('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']),
    createDatabase(name) {
      run('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', name])
      return `postgres://postgres@127.0.0.1:${port}/${name}`
    },
    destroy() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'])
      } catch {
        // already stopped
      }
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
