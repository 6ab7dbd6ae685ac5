import type { Payload } from 'payload'

import { createContent, createStaff, paragraph } from './helpers/fixtures'
import { startTestPayload, type TestPayload } from './helpers/payload'

let ctx: TestPayload
let payload: Payload

beforeAll(async () => {
  ctx = await startTestPayload('collections')
  payload = ctx.payload
})
afterAll(async () => {
  await ctx?.stop()
})

const validationMessages = async (run: () => Promise<unknown>) => {
  try {
    await run()
  } catch (error) {
    const err = error as { name: string; data?: { errors?: { path: string; message: string }[] } }
    expect(err.name).toBe('ValidationError')
    return Object.fromEntries((err.data?.errors ?? []).map((e) => [e.path, e.message]))
  }
  throw new Error('expected a validation error')
}

describe('content model (Local API)', () => {
  test('every clinical collection keeps drafts and versions', () => {
    for (const slug of ['conditions', 'symptoms', 'treatments', 'diagnostic-tests', 'locations'] as const) {
      const versions = payload.collections[slug].config.versions
      expect(versions && typeof versions === 'object' && versions.drafts).toBeTruthy()
    }
  })

  test('the first account on an empty database becomes an admin; later ones keep their role', async () => {
    const first = await payload.create({ collection: 'users', data: { email: 'first@test.careline', password: 'a-long-password-1', name: 'First', role: 'editor' } })
    expect(first.role).toBe('admin')
    const second = await payload.create({ collection: 'users', data: { email: 'second@test.careline', password: 'a-long-password-2', name: 'Second', role: 'editor' } })
    expect(second.role).toBe('editor')
  })

  test('a slug is made from the name, folding accents and punctuation', async () => {
    const symptom = await payload.create({ collection: 'symptoms', data: { name: 'Dolor  Ardiente & Hormigueo (crónico)' }, draft: true })
    expect(symptom.slug).toBe('dolor-ardiente-and-hormigueo-cronico')
  })

  test('slugs are unique within a collection', async () => {
    await payload.create({ collection: 'treatments', data: { name: 'Plasma exchange', kind: 'procedure', invasiveness: 'nonsurgical' }, draft: true })
    const errors = await validationMessages(() =>
      payload.create({ collection: 'treatments', data: { name: 'Plasma Exchange', kind: 'procedure', invasiveness: 'nonsurgical' }, draft: true }),
    )
    expect(errors.slug).toMatch(/unique|already/i)
  })

  test('a malformed slug is refused with a message', async () => {
    const errors = await validationMessages(() =>
      payload.create({ collection: 'specialties', data: { name: 'Neurology', slug: '--' } }),
    )
    expect(errors.slug).toMatch(/lowercase letters/)
  })

  test('medical codes are checked against their system', async () => {
    const errors = await validationMessages(() =>
      payload.create({
        collection: 'conditions',
        data: {
          name: 'Diabetic neuropathy',
          codes: [
            { system: 'ICD-10-CM', code: 'diabetes' },
            { system: 'SNOMED-CT', code: '230572002' },
            { system: 'SNOMED-CT', code: '230572001' },
          ],
        },
      }),
    )
    expect(errors['codes.0.code']).toMatch(/not an ICD-10-CM code/)
    expect(errors['codes.1.code']).toBeUndefined() // 230572002: diabetic neuropathy
    expect(errors['codes.2.code']).toMatch(/check digit/)
  })

  test('coordinates outside the globe are refused', async () => {
    const errors = await validationMessages(() =>
      payload.create({
        collection: 'locations',
        data: { name: 'Nowhere clinic', latitude: 91, longitude: -181, address: { street: '1 Main St', city: 'Springfield', country: 'US' } },
      }),
    )
    expect(Object.keys(errors)).toEqual(expect.arrayContaining(['latitude', 'longitude']))
  })

  test('opening hours need 24-hour times', async () => {
    const errors = await validationMessages(() =>
      payload.create({
        collection: 'locations',
        data: {
          name: 'Spine clinic',
          latitude: 40.7,
          longitude: -74,
          address: { street: '1 Main St', city: 'New York', country: 'US' },
          openingHours: [{ days: ['mon'], opens: '8am', closes: '17:00' }],
        },
      }),
    )
    expect(errors['openingHours.0.opens']).toMatch(/HH:MM/)
  })

  test('relations resolve both ways: subtypes, and the conditions that list a symptom, test or treatment', async () => {
    const staff = await createStaff(payload)
    const content = await createContent(payload, staff)
    const parent = await payload.findByID({ collection: 'conditions', id: content.neuropathy.id, depth: 1 })
    const subtypeNames = (parent.subtypes?.docs ?? []).map((doc) => (typeof doc === 'object' ? doc.name : doc))
    expect(subtypeNames).toContain('Cervical radiculopathy')

    const symptom = await payload.findByID({ collection: 'symptoms', id: content.burning.id, depth: 1 })
    expect((symptom.conditions?.docs ?? []).map((doc) => (typeof doc === 'object' ? doc.id : doc))).toContain(content.neuropathy.id)
    const test = await payload.findByID({ collection: 'diagnostic-tests', id: content.emg.id, depth: 1 })
    expect(test.conditions?.docs?.length).toBe(1)
    const treatment = await payload.findByID({ collection: 'treatments', id: content.tens.id, depth: 1 })
    expect(treatment.conditions?.docs?.length).toBe(1)

    const group = parent.symptoms?.find((entry) => typeof entry.symptom === 'object' && entry.symptom.name === 'Burning pain')?.group
    expect(group).toBe('pain')
  })

  test('content is localized with English fallback', async () => {
    const condition = await payload.create({
      collection: 'conditions',
      data: { name: 'Lumbar radiculopathy', summary: 'Pain radiating down the leg.', description: paragraph('English body') },
      draft: true,
    })
    await payload.update({
      collection: 'conditions',
      id: condition.id,
      locale: 'es',
      data: { name: 'Radiculopatía lumbar' },
      draft: true,
    })
    const spanish = await payload.findByID({ collection: 'conditions', id: condition.id, locale: 'es', draft: true })
    expect(spanish.name).toBe('Radiculopatía lumbar')
    expect(spanish.summary).toBe('Pain radiating down the leg.') // falls back to English
    const english = await payload.findByID({ collection: 'conditions', id: condition.id, locale: 'en', draft: true })
    expect(english.name).toBe('Lumbar radiculopathy')
  })

  test('concurrent writes in one process queue up instead of failing', async () => {
    // SQLite has one writer; without queueing, the second transaction failed with SQLITE_BUSY.
    const docs = await Promise.all(
      Array.from({ length: 8 }, (_, i) => payload.create({ collection: 'specialties', data: { name: `Concurrent specialty ${i}` } })),
    )
    await Promise.all(docs.map((doc, i) => payload.update({ collection: 'specialties', id: doc.id, data: { name: `Concurrent specialty ${i} (renamed)` } })))
    const { totalDocs } = await payload.count({ collection: 'specialties', where: { name: { like: '(renamed)' } } })
    expect(totalDocs).toBe(8)
  })

  test('media need alternative text', async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    )
    const errors = await validationMessages(() =>
      payload.create({ collection: 'media', data: {} as { alt: string }, file: { data: png, mimetype: 'image/png', name: 'x.png', size: png.length } }),
    )
    expect(errors.alt).toBeDefined()
  })
})
