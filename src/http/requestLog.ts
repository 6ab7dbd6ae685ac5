import { randomUUID } from 'node:crypto'

import type { RequestHandler } from 'express'

/**
 * One JSON line per request on stdout: request id (kept from `X-Request-Id` when a proxy sent
 * a sane one), method, path, status, duration. The id is echoed back so a client can quote it.
 */
export const requestLog =
  (write: (line: string) => void = (line) => process.stdout.write(line + '\n')): RequestHandler =>
  (req, res, next) => {
    const incoming = req.get('x-request-id')
    const id = incoming && /^[\w.:-]{1,128}$/.test(incoming) ? incoming : randomUUID()
    const started = process.hrtime.bigint()
    res.setHeader('x-request-id', id)
    res.once('close', () => {
      write(
        JSON.stringify({
          level: res.statusCode >= 500 ? 'error' : 'info',
          time: new Date().toISOString(),
          msg: 'request',
          requestId: id,
          method: req.method,
          path: req.originalUrl.split('?')[0],
          status: res.statusCode,
          durationMs: Number(process.hrtime.bigint() - started) / 1e6,
          completed: res.writableFinished,
        }),
      )
    })
    next()
  }
