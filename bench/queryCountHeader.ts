/**
 * The benchmark's view of how many SQL statements a request costs: `x-database-queries: N` on
 * every answer, counted by the database's query counter (src/database/queryCount.ts, on when
 * `DATABASE_QUERY_COUNT=true`). Mounted by bench/query-server.ts only: production code carries
 * nothing of it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'

import { countDatabaseQueriesInto, databaseQueryCountEnabled, type QueryCounter } from '../src/database'
import { interceptWriteHead } from '../src/http/responseHooks'

/** Middleware: `x-database-queries: N` on every answer when DATABASE_QUERY_COUNT=true; else a no-op. */
export function databaseQueryCountHeader() {
  if (!databaseQueryCountEnabled()) return (_req: IncomingMessage, _res: ServerResponse, next: () => void) => next()
  return (_req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const counter: QueryCounter = { queries: 0 }
    // The count is read as late as possible: when the status line and headers are written (a
    // hook of src/http/responseHooks.ts, the one place that intercepts writeHead).
    interceptWriteHead(res, [
      {
        name: 'database query count',
        beforeHeaders: () => {
          if (!res.headersSent) res.setHeader('x-database-queries', String(counter.queries))
        },
      },
    ])
    countDatabaseQueriesInto(counter, next)
  }
}
