/**
 * `npm run security -- --url http://localhost:3000 [--editor EMAIL:PASSWORD] [--admin EMAIL:PASSWORD] [--writes]`
 *
 * Probes a running Careline server for the holes an outside security test once found (issue 20),
 * from the outside, the way an attacker would try them. Prints one line per probe and exits 1 if
 * any failed. Without credentials only the anonymous probes run. `--writes` allows the probes that
 * try a write the server must refuse (each one sends what would be harmless if it were accepted,
 * and says so); leave it off against a server whose data matters.
 */
import { parseArgs } from 'node:util'

const { values: options } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://localhost:3000' },
    editor: { type: 'string' },
    admin: { type: 'string' },
    writes: { type: 'boolean', default: false },
  },
})
const base = options.url!.replace(/\/$/, '')

interface Outcome {
  ok: boolean
  detail: string
  /** Not tried (it needs credentials or --writes): neither held nor failed. */
  skipped?: boolean
}
type Probe = { finding: string; name: string; run: () => Promise<Outcome | Outcome[]> }

const pass = (detail: string): Outcome => ({ ok: true, detail })
const fail = (detail: string): Outcome => ({ ok: false, detail })
const skip = (detail: string): Outcome => ({ ok: true, skipped: true, detail })

const request = (path: string, init: RequestInit = {}) => fetch(`${base}${path}`, { redirect: 'manual', signal: AbortSignal.timeout(30_000), ...init })
const json = { 'content-type': 'application/json' }

async function login(credentials: string | undefined): Promise<string | undefined> {
  if (!credentials) return undefined
  const at = credentials.lastIndexOf(':')
  const res = await request('/api/users/login', { method: 'POST', headers: json, body: JSON.stringify({ email: credentials.slice(0, at), password: credentials.slice(at + 1) }) })
  if (res.status !== 200) throw new Error(`Could not sign in as ${credentials.slice(0, at)}: ${res.status} ${await res.text()}`)
  return ((await res.json()) as { token: string }).token
}

const emailOf = (credentials: string | undefined) => credentials?.slice(0, credentials.lastIndexOf(':'))

/** A request that must not crash anything: any status below 500, and GraphQL errors below 500 too. */
async function notAServerError(label: string, res: Response): Promise<Outcome> {
  const body = await res.text()
  if (res.status >= 500) return fail(`${label}: ${res.status} ${body.slice(0, 160)}`)
  const inner = body.match(/"statusCode":\s*(5\d\d)/)
  if (inner) return fail(`${label}: ${res.status} with statusCode ${inner[1]} inside`)
  return pass(`${label}: ${res.status}`)
}

async function main() {
  const editor = await login(options.editor)
  const admin = await login(options.admin)
  const as = (token: string | undefined): Record<string, string> => (token ? { authorization: `JWT ${token}` } : {})
  const probes: Probe[] = []
  const probe = (finding: string, name: string, run: Probe['run']) => probes.push({ finding, name, run })

  probe('1', 'a session the cache does not recognise is never stored for the public', async () => {
    if (!editor) return skip('needs --editor')
    const outcomes: Outcome[] = []
    for (const [i, cookie] of [`payload-token =${editor}`, `payload-token\t=${editor}`, `theme=dark; payload-token =${editor}`].entries()) {
      const url = `/api/conditions?limit=${41 + i}&depth=0&sort=-updatedAt`
      const staff = await request(url, { headers: { cookie, 'sec-fetch-site': 'same-origin' } })
      const anonymous = await request(url)
      const cached = anonymous.headers.get('x-cache') === 'HIT'
      outcomes.push(
        /private|no-store/.test(staff.headers.get('cache-control') ?? '') && !cached
          ? pass(`${JSON.stringify(cookie.split('=')[0])}: private, not replayed`)
          : fail(`${JSON.stringify(cookie.split('=')[0])}: cache-control ${staff.headers.get('cache-control')}, anonymous x-cache ${anonymous.headers.get('x-cache')}`),
      )
    }
    return outcomes
  })

  probe('3', 'an anonymous server action is refused and the server stays up', async () => {
    const html = await (await request('/admin/login')).text()
    const id = html.match(/\\?"id\\?":\\?"([0-9a-f]{40,})\\?",\\?"bound\\?":null/)?.[1]
    if (!id) return skip('no server action id on /admin/login (an API-only server)')
    const outcomes: Outcome[] = []
    for (let i = 0; i < 3; i++) {
      const res = await request('/admin', { method: 'POST', headers: { 'next-action': id, 'content-type': 'text/plain;charset=UTF-8' }, body: JSON.stringify([{ name: 'schedule-publish', args: {} }]) })
      outcomes.push(res.status >= 400 && res.status < 500 ? pass(`attempt ${i + 1}: ${res.status}`) : fail(`attempt ${i + 1}: ${res.status}`))
    }
    const alive = await request('/healthz')
    outcomes.push(alive.ok ? pass('still answering /healthz') : fail(`/healthz: ${alive.status}`))
    return outcomes
  })

  probe('5', 'an editor cannot change reference data shown in reviewed pages', async () => {
    if (!editor) return skip('needs --editor')
    const outcomes: Outcome[] = []
    for (const [collection, field] of [['specialties', 'name'], ['references', 'title']] as const) {
      const { docs } = (await (await request(`/api/${collection}?limit=1&depth=0`)).json()) as { docs: Record<string, unknown>[] }
      if (!docs[0]) {
        outcomes.push(pass(`${collection}: none to try`))
        continue
      }
      // The same value it has: harmless if it were accepted.
      const res = await request(`/api/${collection}/${docs[0].id}`, { method: 'PATCH', headers: { ...json, ...as(editor) }, body: JSON.stringify({ [field]: docs[0][field] }) })
      outcomes.push(res.status === 403 ? pass(`${collection}: 403`) : fail(`${collection}: ${res.status}`))
    }
    return outcomes
  })

  probe('6', 'a login spelled differently still counts against the per-account budget, or is refused', async () => {
    // The probe's own made-up account: spending its budget locks no one out.
    const body = JSON.stringify({ email: 'nobody-security-probe@example.invalid', password: 'wrong-password-for-probe' })
    const attempt = (path: string, sent = body) => request(path, { method: 'POST', headers: json, body: sent })
    const refusedForAccount = async (res: Response) => res.status === 429 && /for this account/.test(await res.text())
    let spent = false
    for (let i = 0; i < 30 && !spent; i++) spent = await refusedForAccount(await attempt('/api/users/login'))
    if (!spent) return fail('the canonical login never ran out of its per-account budget')
    const outcomes: Outcome[] = []
    for (const [label, path, sent] of [
      ['%2e segment', '/api/%2e/users/login', body],
      ['dot-dot segment', '/api/x/../users/login', body],
      ['upper case', '/api/Users/Login', body],
      ['byte-order mark', '/api/users/login', `\uFEFF${body}`],
    ] as const) {
      const res = await attempt(path, sent)
      if ([400, 404, 415].includes(res.status)) outcomes.push(pass(`${label}: refused (${res.status})`))
      else if (await refusedForAccount(res)) outcomes.push(pass(`${label}: counted (429 for this account)`))
      else outcomes.push(fail(`${label}: ${res.status}, reached sign-in past the spent budget`))
    }
    const graphql = await request('/api/GraphQL', { method: 'POST', headers: json, body: JSON.stringify({ query: '{ __typename }' }) })
    outcomes.push(graphql.status === 404 || graphql.status === 400 ? pass(`/api/GraphQL: ${graphql.status}`) : fail(`/api/GraphQL: ${graphql.status}, served outside the GraphQL budget`))
    return outcomes
  })

  probe('7', 'filtering by a join field does not reveal unpublished links', async () => {
    const res = await request('/api/symptoms?where[conditions][in]=1&depth=0')
    return res.status === 400 ? pass('400 for the public') : fail(`${res.status}: answered`)
  })

  probe('10', 'malformed input gets a 4xx, never a 5xx', async () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000)
    const cases: [string, string, RequestInit?][] = [
      ['near on a text field', '/api/conditions?where[name][near]=1,2'],
      ['a date that is not one', '/api/conditions?where[createdAt][greater_than]=notadate'],
      ['an object where an id goes', '/api/conditions?where[id][equals][x]=1'],
      ['all on a join field', '/api/symptoms?where[conditions][all]=1'],
      ['limit as an array', '/api/conditions?limit[]=abc'],
      ['page as an array', '/api/conditions?page[]=1e20'],
      ['a missing media file', '/api/media/file/no-such-file-security-probe.png'],
      ['multipart/mixed login', '/api/users/login', { method: 'POST', headers: { 'content-type': 'multipart/mixed; boundary=x' }, body: '--x--' }],
      ['JSON nested 5,000 deep', '/api/users/login', { method: 'POST', headers: json, body: deep }],
      ['GraphQL with a bad where', '/api/graphql', { method: 'POST', headers: json, body: JSON.stringify({ query: '{ Conditions(where: { createdAt: { greater_than: "notadate" } }) { docs { id } } }' }) }],
    ]
    const outcomes: Outcome[] = []
    for (const [label, path, init] of cases) outcomes.push(await notAServerError(label, await request(path, init)))
    const upperCase = await request('/api/users/login', { method: 'POST', headers: { 'content-type': 'Application/JSON' }, body: JSON.stringify({ email: 'nobody-json-case-probe@example.invalid', password: 'x' }) })
    const said = await upperCase.text()
    outcomes.push(/email|password|credentials/i.test(said) && upperCase.status < 500 ? pass(`Application/JSON read as JSON: ${upperCase.status}`) : fail(`Application/JSON: ${upperCase.status} ${said.slice(0, 120)}`))
    return outcomes
  })

  probe('11', 'login does not tell which e-mails have accounts', async () => {
    const known = emailOf(options.editor) ?? emailOf(options.admin)
    if (!known) return skip('needs --editor or --admin')
    const answer = async (email: string) => {
      const res = await request('/api/users/login', { method: 'POST', headers: json, body: JSON.stringify({ email, password: 'not-the-password-security-probe' }) })
      return `${res.status} ${JSON.stringify(((await res.json()) as { errors?: { message: string }[] }).errors?.map((e) => e.message))}`
    }
    const [a, b] = [await answer(known), await answer('nobody-enumeration-probe@example.invalid')]
    return a === b ? pass(`both: ${a}`) : fail(`known: ${a}; unknown: ${b}`)
  })

  probe('12', 'published documents name only records the public may read', async () => {
    const outcomes: Outcome[] = []
    for (const [collection, fields] of [['locations', ['conditionsTreated', 'treatmentsOffered']]] as const) {
      const { docs } = (await (await request(`/api/${collection}?limit=50&depth=0`)).json()) as { docs: Record<string, unknown>[] }
      const targets: Record<string, string> = { conditionsTreated: 'conditions', treatmentsOffered: 'treatments' }
      let checked = 0
      for (const doc of docs)
        for (const field of fields)
          for (const id of (doc[field] as unknown[] | undefined) ?? []) {
            checked++
            const res = await request(`/api/${targets[field]}/${id}?depth=0`)
            if (res.status !== 200) outcomes.push(fail(`${collection}/${doc.id} names ${targets[field]}/${id}, which answers ${res.status}`))
          }
      if (!outcomes.length) outcomes.push(pass(`${collection}: ${checked} links, all readable`))
    }
    return outcomes
  })

  probe('14', 'a javascript: link in rich text is not stored', async () => {
    if (!editor || !options.writes) return skip('needs --editor and --writes')
    const link = (url: string) => ({
      root: {
        type: 'root', version: 1, direction: 'ltr', format: '', indent: 0,
        children: [{ type: 'paragraph', version: 1, direction: 'ltr', format: '', indent: 0, textFormat: 0, children: [
          { type: 'link', version: 3, direction: 'ltr', format: '', indent: 0, fields: { linkType: 'custom', url, newTab: false },
            children: [{ type: 'text', version: 1, text: 'click', detail: 0, format: 0, mode: 'normal', style: '' }] },
        ] }],
      },
    })
    // A draft that would only ever be seen by staff if it were accepted.
    const res = await request('/api/conditions?draft=true', { method: 'POST', headers: { ...json, ...as(editor) }, body: JSON.stringify({ name: 'Security probe (safe to delete)', description: link('JaVaScRiPt:alert(1)') }) })
    if (res.status === 400) return pass('refused: 400')
    const stored = JSON.stringify(await res.json())
    return /javascript:/i.test(stored) ? fail(`${res.status}: stored as sent`) : pass(`${res.status}: stored without the javascript: link`)
  })

  probe('2', 'an API key cannot be chosen by its owner', async () => {
    if (!editor || !options.writes) return skip('needs --editor and --writes')
    const me = (await (await request('/api/users/me', { headers: as(editor) })).json()) as { user: { id: number } }
    const chosen = 'security-probe-chosen-key-0000000000000000'
    const res = await request(`/api/users/${me.user.id}`, { method: 'PATCH', headers: { ...json, ...as(editor) }, body: JSON.stringify({ enableAPIKey: true, apiKey: chosen, createdAt: '2000-01-01T00:00:00.000Z' }) })
    const outcomes: Outcome[] = []
    const withKey = await request('/api/users/me', { headers: { authorization: `users API-Key ${chosen}` } })
    const who = ((await withKey.json()) as { user?: { id: number } | null }).user
    outcomes.push(!who ? pass(`the chosen key signs no one in (${res.status})`) : fail('the chosen key signs the editor in'))
    const self = (await (await request(`/api/users/${me.user.id}`, { headers: as(editor) })).json()) as { createdAt?: string }
    outcomes.push(!self.createdAt?.startsWith('2000-') ? pass('createdAt unchanged') : fail('createdAt was rewritten by the client'))
    return outcomes
  })

  probe('9', 'a webhook cannot target internal addresses', async () => {
    if (!admin || !options.writes) return skip('needs --admin and --writes')
    const outcomes: Outcome[] = []
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://127.0.0.1:3000/', 'http://[::1]/', 'http://10.0.0.1/', 'http://0x7f000001/', 'http://localhost/']) {
      const res = await request('/api/webhooks', { method: 'POST', headers: { ...json, ...as(admin) }, body: JSON.stringify({ name: 'Security probe (safe to delete)', url, collections: ['conditions'] }) })
      outcomes.push(res.status === 400 ? pass(`${url}: 400`) : fail(`${url}: ${res.status}`))
    }
    return outcomes
  })

  probe('13', 'a weak password is refused', async () => {
    if (!admin || !options.writes) return skip('needs --admin and --writes')
    const outcomes: Outcome[] = []
    for (const [i, password] of ['abc', 'password1234', 'probe.user.2@example.invalid!'].entries()) {
      const email = `probe.user.${i}@example.invalid`
      const res = await request('/api/users', { method: 'POST', headers: { ...json, ...as(admin) }, body: JSON.stringify({ email, password, name: 'Security probe', role: 'editor' }) })
      outcomes.push(res.status === 400 ? pass(`${JSON.stringify(password)}: 400`) : fail(`${JSON.stringify(password)}: ${res.status}`))
    }
    return outcomes
  })

  let failed = 0
  let skipped = 0
  for (const { finding, name, run } of probes) {
    let outcomes: Outcome[]
    try {
      const result = await run()
      outcomes = Array.isArray(result) ? result : [result]
    } catch (error) {
      outcomes = [fail(`the probe itself failed: ${(error as Error).message}`)]
    }
    const ok = outcomes.every((o) => o.ok)
    const notTried = outcomes.every((o) => o.skipped)
    if (!ok) failed++
    if (notTried) skipped++
    console.log(`${!ok ? 'FAIL' : notTried ? 'skip' : 'ok  '} #${finding.padEnd(2)} ${name}`)
    for (const o of outcomes) console.log(`       ${o.ok ? ' ' : '!'} ${o.detail}`)
  }
  const tried = probes.length - skipped
  console.log(`\n${tried - failed} of ${tried} probes held${failed ? `; ${failed} failed` : ''}${skipped ? `; ${skipped} not tried (see above)` : ''} (${base}).`)
  process.exitCode = failed ? 1 : 0
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 2
})
