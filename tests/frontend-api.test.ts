/**
 * The front-end queries from the outside (REST and GraphQL on the running server), on the test
 * database: the condition page, care near me, search, symptom lookup and JSON-LD. Drafts and
 * unpublished records must never appear; bad parameters get a 400 that says what to send.
 */
import jsonld from 'jsonld'
import type { Payload } from 'payload'

import { addUnpublishedContent, createContent, createStaff, DRAFT_MARKER, publish } from './helpers/fixtures'
import { startTestPayload, type TestPayload } from './helpers/payload'
import { type RunningServer, startServer } from './helpers/server'

let ctx: TestPayload
let payload: Payload
let server: RunningServer
let content: Awaited<ReturnType<typeof createContent>>
let staff: Awaited<ReturnType<typeof createStaff>>
const ids: Record<string, number | string> = {}

// Lower Manhattan, and places at known distances from it.
const ORIGIN = { lat: 40.7128, lng: -74.006 }

beforeAll(async () => {
  ctx = await startTestPayload('frontend')
  payload = ctx.payload
  staff = await createStaff(payload)
  content = await createContent(payload, staff, { unpublishedLater: true })

  const numbness = await payload.create({ collection: 'symptoms', data: { name: 'Numbness', category: 'sensory' }, draft: true })
  await payload.update({ collection: 'symptoms', id: numbness.id, locale: 'es', data: { name: 'Entumecimiento' }, draft: true })
  const peripheral = await payload.create({
    collection: 'conditions',
    draft: true,
    data: {
      name: 'Peripheral neuropathy',
      summary: 'Damage to the nerves outside the brain and spinal cord.',
      symptoms: [
        { symptom: content.burning.id, group: 'pain' },
        { symptom: numbness.id, group: 'sensory' },
      ],
    },
  })
  const sciatica = await payload.create({
    collection: 'conditions',
    draft: true,
    data: { name: 'Sciatica', summary: 'Pain along the sciatic nerve, often with numbness in the leg.', symptoms: [{ symptom: numbness.id, group: 'sensory' }] },
  })
  await payload.update({ collection: 'conditions', id: sciatica.id, locale: 'es', data: { name: 'Ciática' }, draft: true })
  const meniere = await payload.create({ collection: 'conditions', draft: true, data: { name: "Ménière's disease", summary: 'An inner ear disorder.' } })
  const surgery = await payload.create({ collection: 'treatments', draft: true, data: { name: 'Microdiscectomy', kind: 'surgery', invasiveness: 'surgical' } })
  const drug = await payload.create({ collection: 'treatments', draft: true, data: { name: 'Gabapentin', kind: 'medication', invasiveness: 'nonsurgical' } })
  await payload.update({ collection: 'conditions', id: content.neuropathy.id, draft: true, data: { treatments: [content.tens.id, surgery.id, drug.id], summary: 'Nerve pain that starts in the spine.' } })

  const place = (name: string, lat: number, lng: number, extra: Record<string, unknown> = {}) =>
    payload.create({
      collection: 'locations',
      draft: true,
      data: { name, address: { street: '1 Main St', city: 'Somewhere', country: 'US' }, latitude: lat, longitude: lng, ...extra },
    })
  const downtown = await place('Downtown Spine Clinic', 40.7129, -74.0061, { conditionsTreated: [content.neuropathy.id], specialties: [content.orthopedics.id] })
  const midtown = await place('Midtown Nerve Center', 40.758, -73.9855, { acceptingNewPatients: false, treatmentsOffered: [content.tens.id] })
  const brooklyn = await place('Brooklyn Back Care', 40.6782, -73.9442, { conditionsTreated: [content.neuropathy.id] })
  const boston = await place('Boston Neurology', 42.3601, -71.0589)
  const fiji = await place('Taveuni Clinic', -16.8, 179.95)
  const draftPlace = await place(`Draft clinic ${DRAFT_MARKER}`, 40.713, -74.0062)
  Object.assign(ids, { numbness: numbness.id, peripheral: peripheral.id, sciatica: sciatica.id, downtown: downtown.id, draftPlace: draftPlace.id })

  await publish(
    payload,
    staff,
    { collection: 'symptoms', id: numbness.id },
    { collection: 'treatments', id: surgery.id },
    { collection: 'treatments', id: drug.id },
    { collection: 'conditions', id: peripheral.id },
    { collection: 'conditions', id: sciatica.id },
    { collection: 'conditions', id: meniere.id },
    { collection: 'conditions', id: content.neuropathy.id },
    ...[downtown, midtown, brooklyn, boston, fiji].map((l) => ({ collection: 'locations' as const, id: l.id })),
  )
  // Then what the public must not see: a withdrawn symptom, an unpublished subtype, and again a
  // newer unreviewed draft on top of the published condition.
  Object.assign(content, await addUnpublishedContent(payload, staff, content))

  server = await startServer({ API_ONLY: 'true', DATABASE_URI: ctx.database.uri, JOBS_AUTORUN: 'false' })
})
afterAll(async () => {
  await server?.stop()
  await ctx?.stop()
})

const get = async (path: string) => {
  const res = await fetch(`${server.url}${path}`)
  const text = await res.text()
  let body: any
  try {
    body = JSON.parse(text)
  } catch {
    body = text
  }
  if (process.env.DEBUG_API && res.status >= 400) console.log(path, res.status, text)
  return { status: res.status, body, headers: res.headers, text }
}
const graphql = async (query: string, variables?: Record<string, unknown>) => {
  const res = await fetch(`${server.url}/api/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) })
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: { message: string; extensions?: { statusCode?: number } }[] } }
}
const names = (docs: { name?: string }[]) => docs.map((d) => d.name)

describe('condition page', () => {
  const PAGE = '/api/conditions/page/back-and-spine-neuropathy'

  test('REST: one request gives the whole published page, grouped, with review metadata', async () => {
    const { status, body, text } = await get(PAGE)
    expect(status).toBe(200)
    expect(text).not.toContain(DRAFT_MARKER)
    expect(body.condition).toMatchObject({ name: 'Back and spine neuropathy', summary: 'Nerve pain that starts in the spine.' })
    expect(body.condition.subtypes.docs.map((d: any) => d.name)).toEqual(['Cervical radiculopathy'])
    expect(body.symptomGroups).toEqual([{ group: 'pain', label: 'Pain', symptoms: [expect.objectContaining({ name: 'Burning pain', slug: 'burning-pain' })] }])
    expect(body.treatmentGroups.map((g: any) => [g.invasiveness, g.kinds.map((k: any) => [k.kind, names(k.treatments)])])).toEqual([
      ['nonsurgical', [['medication', ['Gabapentin']], ['therapy', ['TENS']]]],
      ['surgical', [['surgery', ['Microdiscectomy']]]],
    ])
    expect(names(body.condition.diagnosticTests)).toEqual(['Electromyography'])
    expect(names(body.condition.specialties)).toEqual(['Orthopedics'])
    // Embedded records are compact (defaultPopulate), not whole documents.
    expect(Object.keys(body.condition.diagnosticTests[0]).sort()).toEqual(['id', 'kind', 'name', 'slug', 'summary'].filter((k) => k in body.condition.diagnosticTests[0]).sort())
    expect(body.condition.diagnosticTests[0]).not.toHaveProperty('detects')
    expect(body.review).toMatchObject({ reviewedBy: { name: 'Dr. Rita Reviewer', credentials: 'MD, Neurology' }, reviewOverdue: false })
    expect(new Date(body.review.nextReviewDue).getTime()).toBeGreaterThan(Date.now())
    expect(body.condition).not.toHaveProperty('reviewStage')
    expect(body.condition).not.toHaveProperty('approval')
  })

  test('REST: select and depth are honoured; bad values are 400s; an unknown slug is a 404', async () => {
    const selected = await get(`${PAGE}?select[name]=true&select[slug]=true`)
    expect(selected.status).toBe(200)
    expect(Object.keys(selected.body.condition).sort()).toEqual(['id', 'name', 'slug'])
    expect(selected.body).not.toHaveProperty('symptomGroups')
    expect(selected.body).not.toHaveProperty('jsonLd')

    const flat = await get(`${PAGE}?depth=0`)
    expect(flat.status).toBe(200)
    expect(flat.body.symptomGroups[0].symptoms).toEqual([content.burning.id])
    expect(flat.body).not.toHaveProperty('jsonLd')
    expect(flat.body.treatmentGroups[1].kinds[0].treatments).toHaveLength(1)

    for (const [query, message] of [
      ['?depth=5', /depth.*between 0 and 2/],
      ['?depth=abc', /depth.*whole number/],
      ['?locale=fr', /Unknown locale/],
      ['?colour=blue', /Unknown parameter: colour/],
      ['?select=name', /select/],
    ] as const) {
      const res = await get(`${PAGE}${query}`)
      expect({ query, status: res.status }).toEqual({ query, status: 400 })
      expect(res.body.errors[0].message).toMatch(message)
    }
    const missing = await get('/api/conditions/page/no-such-condition')
    expect(missing.status).toBe(404)
    expect(missing.body.errors[0].message).toMatch(/No published condition/)
    // An unpublished condition does not exist for the public.
    const unpublished = await payload.findByID({ collection: 'conditions', id: content.unpublished.id, draft: true })
    expect((await get(`/api/conditions/page/${unpublished.slug}`)).status).toBe(404)
  })

  test('GraphQL: the same page in one query, with Payload types for the records', async () => {
    const { status, body } = await graphql(`{
      conditionPage(slug: "back-and-spine-neuropathy") {
        condition { name summary subtypes { docs { name } } diagnosticTests { name } specialties { name } reviewedBy { name credentials } lastReviewedAt nextReviewDue }
        symptomGroups { group label symptoms { name slug } }
        treatmentGroups { invasiveness kinds { kind treatments { name } } }
        review { reviewedBy { name } reviewOverdue }
        jsonLd
      }
    }`)
    expect(status).toBe(200)
    expect(body.errors).toBeUndefined()
    const page = body.data.conditionPage
    expect(JSON.stringify(page)).not.toContain(DRAFT_MARKER)
    expect(page.condition).toMatchObject({ name: 'Back and spine neuropathy', summary: 'Nerve pain that starts in the spine.', reviewedBy: { name: 'Dr. Rita Reviewer', credentials: 'MD, Neurology' } })
    expect(page.condition.subtypes.docs).toEqual([{ name: 'Cervical radiculopathy' }])
    expect(page.symptomGroups).toEqual([{ group: 'pain', label: 'Pain', symptoms: [{ name: 'Burning pain', slug: 'burning-pain' }] }])
    expect(page.treatmentGroups.map((g: any) => [g.invasiveness, g.kinds.map((k: any) => [k.kind, names(k.treatments)])])).toEqual([
      ['nonsurgical', [['medication', ['Gabapentin']], ['therapy', ['TENS']]]],
      ['surgical', [['surgery', ['Microdiscectomy']]]],
    ])
    expect(page.review).toEqual({ reviewedBy: { name: 'Dr. Rita Reviewer' }, reviewOverdue: false })
    expect(page.jsonLd['@type']).toBe('MedicalWebPage')

    const none = await graphql('{ conditionPage(slug: "no-such-condition") { condition { name } } }')
    expect(none.body.data.conditionPage).toBeNull()
  })

  test('a selected field computed on read gets what it is computed from: HTML and reviewOverdue under REST select and GraphQL select: true', async () => {
    const bySlug = '/api/conditions?where[slug][equals]=back-and-spine-neuropathy&depth=0&limit=1'
    const whole = (await get(bySlug)).body.docs[0]
    expect(whole.descriptionHTML).toMatch(/^<p>/)
    const selected = await get(`${bySlug}&select[descriptionHTML]=true&select[reviewOverdue]=true`)
    expect(selected.status).toBe(200)
    expect(selected.body.docs[0]).toMatchObject({ descriptionHTML: whole.descriptionHTML, reviewOverdue: false })

    // A published symptom past its review date: overdue, whichever way it is read.
    const symptom = content.burning
    const { nextReviewDue } = await payload.findByID({ collection: 'symptoms', id: symptom.id, depth: 0 })
    await payload.db.updateOne({ collection: 'symptoms', id: symptom.id, data: { nextReviewDue: new Date(Date.now() - 86_400_000).toISOString() } })
    try {
      const symptoms = '/api/symptoms?where[slug][equals]=burning-pain&depth=0&limit=1'
      expect((await get(symptoms)).body.docs[0].reviewOverdue).toBe(true)
      expect((await get(`${symptoms}&select[reviewOverdue]=true`)).body.docs[0].reviewOverdue).toBe(true)
      const viaGraphQL = await graphql(`{
        Symptoms(where: { slug: { equals: "burning-pain" } }, limit: 1, select: true) { docs { reviewOverdue } }
        Conditions(where: { slug: { equals: "back-and-spine-neuropathy" } }, limit: 1, select: true) { docs { descriptionHTML symptoms { symptom { reviewOverdue } } } }
      }`)
      expect(viaGraphQL.body.errors).toBeUndefined()
      expect(viaGraphQL.body.data.Symptoms.docs).toEqual([{ reviewOverdue: true }])
      expect(viaGraphQL.body.data.Conditions.docs).toEqual([{ descriptionHTML: whole.descriptionHTML, symptoms: [{ symptom: { reviewOverdue: true } }] }])
    } finally {
      await payload.db.updateOne({ collection: 'symptoms', id: symptom.id, data: { nextReviewDue } })
    }
  })

  test('JSON-LD parses as JSON-LD and links the condition to its symptoms, treatments, tests, risks, causes, specialty, code and reviewer', async () => {
    const { status, body, headers } = await get(`${PAGE}/jsonld`)
    expect(status).toBe(200)
    expect(headers.get('content-type')).toMatch(/^application\/ld\+json/)
    // schema.org's context, served locally: nothing is fetched from the network.
    const documentLoader = async (url: string) => {
      if (!/^https?:\/\/schema\.org\/?$/.test(url)) throw new Error(`unexpected context ${url}`)
      return { contextUrl: undefined, documentUrl: url, document: { '@context': { '@vocab': 'https://schema.org/' } } }
    }
    const [page] = (await jsonld.expand(body, { documentLoader: documentLoader as any })) as any[]
    const S = (term: string) => `https://schema.org/${term}`
    const values = (node: any, term: string) => (node[S(term)] ?? []) as any[]
    const nameOf = (node: any) => values(node, 'name')[0]?.['@value']
    expect(page['@type']).toEqual([S('MedicalWebPage')])
    const [condition] = values(page, 'about')
    expect(condition['@type']).toEqual([S('MedicalCondition')])
    expect(nameOf(condition)).toBe('Back and spine neuropathy')
    expect(values(condition, 'signOrSymptom').map(nameOf)).toEqual(['Burning pain'])
    expect(values(condition, 'possibleTreatment').map(nameOf).sort()).toEqual(['Gabapentin', 'Microdiscectomy', 'TENS'])
    expect(values(condition, 'typicalTest').map(nameOf)).toEqual(['Electromyography'])
    expect(values(condition, 'relevantSpecialty').map(nameOf)).toEqual(['Orthopedics'])
    expect(values(values(condition, 'code')[0], 'codeValue')[0]['@value']).toBe('M54.10')
    expect(nameOf(values(page, 'reviewedBy')[0])).toBe('Dr. Rita Reviewer')
    expect(values(page, 'lastReviewed')[0]['@value']).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    // Subtypes and the riskFactor/cause lists come from the content; this fixture has none of the latter.
    const rdf = await jsonld.toRDF(body, { format: 'application/n-quads', documentLoader: documentLoader as any })
    expect(String(rdf)).toContain('<https://schema.org/signOrSymptom>')
    expect(String(rdf)).not.toContain(DRAFT_MARKER)
  })
})

describe('care near me', () => {
  test('REST: published locations within the radius, nearest first, with km and miles', async () => {
    const { status, body } = await get(`/api/locations/nearby?lat=${ORIGIN.lat}&lng=${ORIGIN.lng}&radiusKm=10`)
    expect(status).toBe(200)
    expect(body.docs.map((d: any) => d.location.name)).toEqual(['Downtown Spine Clinic', 'Midtown Nerve Center', 'Brooklyn Back Care'])
    const [downtown, midtown] = body.docs
    expect(downtown.distanceKm).toBeLessThan(0.05)
    expect(midtown.distanceKm).toBeGreaterThan(5.2)
    expect(midtown.distanceKm).toBeLessThan(5.6)
    expect(midtown.distanceMiles).toBeCloseTo(midtown.distanceKm / 1.609344, 2)
    expect(body).toMatchObject({ totalDocs: 3, page: 1, totalPages: 1, hasNextPage: false, radiusKm: 10 })
    expect(JSON.stringify(body)).not.toContain(DRAFT_MARKER)

    const far = await get(`/api/locations/nearby?lat=${ORIGIN.lat}&lng=${ORIGIN.lng}&radiusKm=400`)
    const boston = far.body.docs.find((d: any) => d.location.name === 'Boston Neurology')
    expect(boston.distanceKm).toBeGreaterThan(300)
    expect(boston.distanceKm).toBeLessThan(310)
  })

  test('REST: filters by condition, treatment, specialty (slug or id) and new patients; pages', async () => {
    const base = `/api/locations/nearby?lat=${ORIGIN.lat}&lng=${ORIGIN.lng}&radiusKm=50`
    const byCondition = await get(`${base}&condition=back-and-spine-neuropathy`)
    expect(byCondition.body.docs.map((d: any) => d.location.name)).toEqual(['Downtown Spine Clinic', 'Brooklyn Back Care'])
    const byId = await get(`${base}&condition=${content.neuropathy.id}`)
    expect(byId.body.totalDocs).toBe(2)
    expect((await get(`${base}&treatment=tens`)).body.docs.map((d: any) => d.location.name)).toEqual(['Midtown Nerve Center'])
    expect((await get(`${base}&specialty=orthopedics`)).body.docs.map((d: any) => d.location.name)).toEqual(['Downtown Spine Clinic'])
    expect((await get(`${base}&acceptingNewPatients=false`)).body.docs.map((d: any) => d.location.name)).toEqual(['Midtown Nerve Center'])
    const second = await get(`${base}&limit=2&page=2`)
    expect(second.body).toMatchObject({ totalDocs: 3, page: 2, limit: 2, totalPages: 2, hasNextPage: false, hasPrevPage: true })
    expect(second.body.docs.map((d: any) => d.location.name)).toEqual(['Brooklyn Back Care'])
  })

  test('across the antimeridian', async () => {
    const { body } = await get('/api/locations/nearby?lat=-16.8&lng=-179.98&radiusKm=20')
    expect(body.docs.map((d: any) => d.location.name)).toEqual(['Taveuni Clinic'])
    expect(body.docs[0].distanceKm).toBeGreaterThan(7)
    expect(body.docs[0].distanceKm).toBeLessThan(8)
  })

  test('invalid coordinates, radius or filters get a 400 with a message', async () => {
    for (const [query, message] of [
      ['lat=91&lng=0', /lat.*between -90 and 90/],
      ['lat=abc&lng=0', /lat.*must be a number/],
      ['lat=10', /lng.*required/],
      ['lat=10&lng=200', /lng.*between -180 and 180/],
      ['lat=10&lng=10&radiusKm=0', /radiusKm.*between/],
      ['lat=10&lng=10&radiusKm=5000', /radiusKm.*between/],
      ['lat=10&lng=10&acceptingNewPatients=maybe', /true or false/],
      ['lat=10&lng=10&condition=no-such-condition', /No published condition/],
      ['lat=10&lng=10&limit=1000', /limit.*between 1 and 100/],
      ['lat=10&lat=11&lng=10', /once/],
    ] as const) {
      const res = await get(`/api/locations/nearby?${query}`)
      expect({ query, status: res.status }).toEqual({ query, status: 400 })
      expect(res.body.errors[0].message).toMatch(message)
    }
  })

  test('GraphQL: the same answers as REST', async () => {
    const rest = await get(`/api/locations/nearby?lat=${ORIGIN.lat}&lng=${ORIGIN.lng}&radiusKm=10&condition=back-and-spine-neuropathy`)
    const { body } = await graphql(
      `query Near($lat: Float!, $lng: Float!) { nearbyLocations(lat: $lat, lng: $lng, radiusKm: 10, condition: "back-and-spine-neuropathy") {
        totalDocs docs { distanceKm distanceMiles location { name conditionsTreated { name } } } } }`,
      ORIGIN,
    )
    expect(body.errors).toBeUndefined()
    expect(body.data.nearbyLocations.docs.map((d: any) => [d.location.name, d.distanceKm, d.distanceMiles])).toEqual(
      rest.body.docs.map((d: any) => [d.location.name, d.distanceKm, d.distanceMiles]),
    )
    expect(body.data.nearbyLocations.docs[0].location.conditionsTreated).toEqual([{ name: 'Back and spine neuropathy' }])
    const bad = await graphql('{ nearbyLocations(lat: 95, lng: 0) { totalDocs } }')
    expect(bad.body.errors?.[0].message).toMatch(/lat.*between -90 and 90/)
    expect(bad.body.errors?.[0].extensions?.statusCode).toBe(400)
  })
})

describe('search', () => {
  const search = (q: string, extra = '') => get(`/api/search?q=${encodeURIComponent(q)}${extra}`)

  test('ranks name matches above body matches, across collections', async () => {
    const { status, body } = await search('pain')
    expect(status).toBe(200)
    const order = body.docs.map((d: any) => `${d.collection}:${d.name}`)
    expect(order[0]).toBe('symptoms:Burning pain')
    expect(body.docs[0].matchedIn).toBe('name')
    // Sciatica and the neuropathy mention pain only in their text.
    expect(order).toEqual(expect.arrayContaining(['conditions:Sciatica', 'conditions:Back and spine neuropathy']))
    const bodyHits = body.docs.filter((d: any) => d.matchedIn === 'body')
    expect(bodyHits.length).toBeGreaterThan(0)
    expect(Math.max(...bodyHits.map((d: any) => d.score))).toBeLessThan(body.docs[0].score)
  })

  test('ignores case and accents, in English and Spanish', async () => {
    expect((await search('MENIERE')).body.docs.map((d: any) => d.name)).toEqual(["Ménière's disease"])
    expect((await search('ménière')).body.docs.map((d: any) => d.name)).toEqual(["Ménière's disease"])
    expect((await search('ciatica', '&locale=es')).body.docs.map((d: any) => d.name)).toEqual(['Ciática'])
    expect((await search('CIÁTICA', '&locale=es')).body.docs.map((d: any) => d.name)).toEqual(['Ciática'])
    expect((await search('entumecimiento', '&locale=es&types=symptoms')).body.docs.map((d: any) => d.slug)).toEqual(['numbness'])
  })

  test('forgives small typos and says what it searched for', async () => {
    const { body } = await search('neuropaty')
    expect(body.correctedQuery).toBe('neuropathy')
    expect(body.docs.map((d: any) => d.name)).toEqual(expect.arrayContaining(['Back and spine neuropathy', 'Peripheral neuropathy']))
    const swapped = await search('sciatcia')
    expect(swapped.body.docs.map((d: any) => d.name)).toEqual(['Sciatica'])
    expect((await search('neuropathy')).body.correctedQuery).toBeNull()
  })

  test('finds published text only', async () => {
    for (const q of ['unreviewed', DRAFT_MARKER, 'Draft symptom', 'Edited summary', 'Draft clinic']) {
      const { body } = await search(q)
      expect({ q, hits: body.docs.map((d: any) => d.name) }).toEqual({ q, hits: [] })
    }
  })

  test('types, pages and bad input', async () => {
    const onlySymptoms = await search('pain', '&types=symptoms')
    expect(new Set(onlySymptoms.body.docs.map((d: any) => d.collection))).toEqual(new Set(['symptoms']))
    const paged = await search('neuropathy', '&limit=1&page=2')
    expect(paged.body).toMatchObject({ page: 2, limit: 1, hasPrevPage: true })
    expect(paged.body.docs).toHaveLength(1)
    for (const [query, message] of [
      ['', /q.*two letters/],
      ['q=a', /q.*two letters/],
      ['q=pain&types=locations', /Unknown type locations/],
      ['q=pain&limit=0', /limit.*between 1 and 50/],
      [`q=${'x'.repeat(300)}`, /longer than 200/],
      ['q=pain&sort=name', /Unknown parameter: sort/],
    ] as const) {
      const res = await get(`/api/search?${query}`)
      expect({ query, status: res.status }).toEqual({ query, status: 400 })
      expect(res.body.errors[0].message).toMatch(message)
    }
  })

  test('GraphQL: the same ranking as REST', async () => {
    const rest = await search('neuropathy')
    const { body } = await graphql('{ search(q: "neuropathy") { totalDocs correctedQuery docs { collection name score matchedIn } } }')
    expect(body.errors).toBeUndefined()
    expect(body.data.search.docs.map((d: any) => d.name)).toEqual(rest.body.docs.map((d: any) => d.name))
    expect(body.data.search.totalDocs).toBe(rest.body.totalDocs)
  })
})

describe('symptom lookup', () => {
  test('conditions listing the symptoms, most matches first', async () => {
    const { status, body } = await get('/api/conditions/by-symptoms?symptoms=burning-pain,numbness')
    expect(status).toBe(200)
    expect(body.docs.map((d: any) => [d.condition.name, d.matchCount])).toEqual([
      ['Peripheral neuropathy', 2],
      ['Back and spine neuropathy', 1],
      ['Sciatica', 1],
    ])
    expect(body.docs[0].matchedSymptoms.sort()).toEqual(['burning-pain', 'numbness'])
    const one = await get(`/api/conditions/by-symptoms?symptoms=${ids.numbness}`)
    expect(one.body.docs.map((d: any) => d.condition.name)).toEqual(['Peripheral neuropathy', 'Sciatica'])
  })

  test('a draft symptom is unknown to the public; no known symptom is a 400', async () => {
    const secret = await payload.findByID({ collection: 'symptoms', id: content.secretSymptom.id, draft: true })
    const mixed = await get(`/api/conditions/by-symptoms?symptoms=numbness,${secret.slug}`)
    expect(mixed.status).toBe(200)
    expect(mixed.body.unknownSymptoms).toEqual([secret.slug])
    expect(JSON.stringify(mixed.body)).not.toContain(DRAFT_MARKER)
    const none = await get(`/api/conditions/by-symptoms?symptoms=${secret.slug}`)
    expect(none.status).toBe(400)
    expect(none.body.errors[0].message).toMatch(/No published symptom/)
    expect((await get('/api/conditions/by-symptoms')).status).toBe(400)
  })

  test('GraphQL', async () => {
    const { body } = await graphql('{ conditionsBySymptoms(symptoms: ["burning-pain", "numbness"]) { totalDocs docs { matchCount condition { name } } } }')
    expect(body.errors).toBeUndefined()
    expect(body.data.conditionsBySymptoms.docs.map((d: any) => [d.condition.name, d.matchCount])).toEqual([
      ['Peripheral neuropathy', 2],
      ['Back and spine neuropathy', 1],
      ['Sciatica', 1],
    ])
  })
})
