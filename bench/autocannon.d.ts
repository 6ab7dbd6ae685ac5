// Just what bench/load.ts uses of autocannon (it ships no types).
declare module 'autocannon' {
  interface Options {
    url: string
    connections?: number
    duration?: number
    pipelining?: number
    timeout?: number
    headers?: Record<string, string>
    method?: string
    body?: string
  }
  interface Result {
    errors: number
    timeouts: number
    non2xx: number
    resets: number
    duration: number
    requests: { total: number; sent: number }
    throughput: { total: number }
    statusCodeStats?: Record<string, { count: number }>
  }
  interface Instance {
    on(event: 'response', listener: (client: unknown, statusCode: number, bytes: number, responseTime: number) => void): void
  }
  function autocannon(options: Options, callback: (error: Error | null, result: Result) => void): Instance
  export default autocannon
}
