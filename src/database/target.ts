/**
 * Which database `DATABASE_URI` names, decided without connecting to anything:
 *   unset or `file:`                -> SQLite, the embedded default (a file under ./data/)
 *   `postgres://`, `postgresql://`  -> PostgreSQL
 *   `mongodb://`, `mongodb+srv://`  -> MongoDB
 * Anything else stops start-up with a message that says what is accepted.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { databaseSettings } from './settings'

/**
 * The project root (the nearest folder with a package.json): relative SQLite paths and the
 * migration folders are taken from it. Found rather than counted, because this file runs from
 * src/database/ (tsx, Next.js) and from the flat server bundle in dist/ (npm start).
 */
export const rootDir = (() => {
  const here = path.dirname(fileURLToPath(import.meta.url))
  for (let dir = here; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir
    if (path.dirname(dir) === dir) return path.resolve(here, '../..')
  }
})()

export type DatabaseKind = 'sqlite' | 'postgres' | 'mongodb'

export interface DatabaseTarget {
  kind: DatabaseKind
  /** The connection string handed to the adapter (for SQLite, a `file:` URL). */
  url: string
}

export class DatabaseConfigError extends Error {
  override name = 'DatabaseConfigError'
}

export const DEFAULT_SQLITE_FILE = 'data/careline.db'

/** Reads `DATABASE_URI` and says which database it names, without connecting to anything. */
export function resolveDatabaseTarget(uri: string | undefined = databaseSettings().uri): DatabaseTarget {
  const value = uri?.trim()
  if (!value) {
    return { kind: 'sqlite', url: `file:${path.join(rootDir, DEFAULT_SQLITE_FILE)}` }
  }
  const scheme = value.slice(0, value.indexOf(':') + 1).toLowerCase()
  switch (scheme) {
    case 'file:': {
      // Relative paths are taken from the project root, so every script agrees on one file.
      const filePath = value.slice('file:'.length).replace(/^\/\/(?=\/)/, '')
      if (!filePath) throw new DatabaseConfigError('DATABASE_URI "file:" needs a path, e.g. file:./data/careline.db')
      return { kind: 'sqlite', url: `file:${path.isAbsolute(filePath) ? filePath : path.join(rootDir, filePath)}` }
    }
    case 'postgres:':
    case 'postgresql:':
      return { kind: 'postgres', url: value }
    case 'mongodb:':
    case 'mongodb+srv:':
      return { kind: 'mongodb', url: value }
    default:
      throw new DatabaseConfigError(
        `DATABASE_URI has an unsupported scheme "${scheme || value}". Use file:PATH (SQLite), ` +
          'postgres:// or postgresql:// (PostgreSQL), or mongodb:// or mongodb+srv:// (MongoDB); ' +
          `leave it unset for the embedded SQLite file ${DEFAULT_SQLITE_FILE}.`,
      )
  }
}
