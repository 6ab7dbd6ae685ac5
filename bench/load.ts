/**
 * The load generator, in its own long-lived process so it can be pinned to its own core
 * (`taskset -c 1 node --import tsx bench/load.ts`). Reads one job per line on stdin,
 * `{"url":..., "connections":16, "duration":5, "headers":{}, "method":"POST", "body":"..."}` (method and
 * body optional: GET), runs autocannon, and answers one
 * JSON line: requests/s, latency percentiles computed from every response time (autocannon's own
 * summary has no p95), errors, timeouts and non-2xx answers.
 */
import { createInterface } from 'node:readline'

import autocannon from 'autocannon'

export interface LoadJob {
  url: string
  connections: number
  duration: number
  headers?: Record<string, string>
  method?: 'GET' | 'POST'
  body?: string
}

export interface LoadResult {
  requests: number
  seconds: number
  rps: number
  p50: number
  p95: number
  p99: number
  max: number
  errors: number
  timeouts: number
  non2xx: number
  bytes: number
}

function run(job: LoadJob): Promise<LoadResult> {
  const times: number[] = []
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url: job.url, connections: job.connections, duration: job.duration, pipelining: 1, timeout: 10, headers: job.headers, method: job.method ?? 'GET', body: job.body },
      (error, result) => {
        if (error) return reject(error)
        const seconds = result.duration || (performance.now() - started) / 1000
        times.sort((a, b) => a - b)
        const at = (p: number) => (times.length ? times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)] : NaN)
        const round = (n: number) => Math.round(n * 100) / 100
        resolve({
          requests: result.requests.total,
          seconds: round(seconds),
          rps: round(result.requests.total / seconds),
          p50: round(at(50)),
          p95: round(at(95)),
          p99: round(at(99)),
          max: round(times[times.length - 1] ?? NaN),
          errors: result.errors,
          timeouts: result.timeouts,
          non2xx: result.non2xx,
          bytes: result.throughput.total,
        })
      },
    )
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime))
  })
}

let queue = Promise.resolve()
createInterface({ input: process.stdin }).on('line', (line) => {
  if (!line.trim()) return
  queue = queue.then(async () => {
    try {
      process.stdout.write(JSON.stringify(await run(JSON.parse(line) as LoadJob)) + '\n')
    } catch (error) {
      process.stdout.write(JSON.stringify({ error: (error as Error).message }) + '\n')
    }
  })
})
