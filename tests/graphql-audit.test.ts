/**
 * GraphQL over HTTP conformance: the audit graphql-http ships (the spec's own test list), run
 * against the running server's /api/graphql. Every MUST passes; the counts per level and any
 * SHOULD not met are printed, so a change in either shows in the test output. Run against a
 * server in test mode and one in production mode (both with GRAPHQL_INTROSPECTION=true, which
 * the audit's variables check uses: `__type(name: $name)`).
 */
import { type AuditResult, auditServer } from 'graphql-http'

import { startTestPayload, type TestPayload } from './helpers/payload'
import { type RunningServer, startServer } from './helpers/server'

let ctx: TestPayload
const servers: Partial<Record<'test' | 'production', RunningServer>> = {}

beforeAll(async () => {
  ctx = await startTestPayload('graphql_audit')
  const base = { API_ONLY: 'true', DATABASE_URI: ctx.database.uri, JOBS_AUTORUN: 'false', GRAPHQL_INTROSPECTION: 'true' }
  servers.test = await startServer({ ...base, NODE_ENV: 'test' })
  servers.production = await startServer({ ...base, NODE_ENV: 'production', PAYLOAD_SECRET: 'test-secret-for-the-graphql-audit-0123456789' })
}, 180_000)
afterAll(async () => {
  await Promise.all(Object.values(servers).map((server) => server?.stop()))
  await ctx?.stop()
})

const LEVELS = ['MUST', 'SHOULD', 'MAY'] as const
const levelOf = (result: AuditResult) => result.name.split(' ')[0] as (typeof LEVELS)[number]
const describeFailure = (result: AuditResult) => `${result.id} ${result.name}: ${result.status === 'ok' ? 'ok' : `${result.status}, ${result.reason}`}`

test.each(['test', 'production'] as const)('/api/graphql passes every MUST audit of GraphQL over HTTP (NODE_ENV=%s)', async (mode) => {
  const results = await auditServer({ url: `${servers[mode]!.url}/api/graphql` })

  const counts = Object.fromEntries(
    LEVELS.map((level) => {
      const ofLevel = results.filter((result) => levelOf(result) === level)
      const count = (status: AuditResult['status']) => ofLevel.filter((result) => result.status === status).length
      return [level, { total: ofLevel.length, ok: count('ok'), notice: count('notice'), warn: count('warn'), error: count('error') }]
    }),
  )
  console.log(`GraphQL over HTTP audit (graphql-http, NODE_ENV=${mode}), ${results.length} audits:\n${JSON.stringify(counts, null, 2)}`)
  const shouldNotMet = results.filter((result) => levelOf(result) === 'SHOULD' && result.status !== 'ok')
  if (shouldNotMet.length) console.log(`SHOULD audits not met:\n${shouldNotMet.map(describeFailure).join('\n')}`)
  const mayNotMet = results.filter((result) => levelOf(result) === 'MAY' && result.status !== 'ok')
  if (mayNotMet.length) console.log(`MAY audits not met:\n${mayNotMet.map(describeFailure).join('\n')}`)

  // Every audit has one of the three levels, and the MUSTs were there to pass.
  expect(results.filter((result) => !LEVELS.includes(levelOf(result)))).toEqual([])
  expect(counts.MUST.total).toBeGreaterThanOrEqual(10)
  expect(results.filter((result) => levelOf(result) === 'MUST' && result.status !== 'ok').map(describeFailure)).toEqual([])
})
