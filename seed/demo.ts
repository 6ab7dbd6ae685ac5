/**
 * Demo data for a fresh install: three accounts and a handful of SAMPLE care locations linked
 * to the imported content. Never real clinics; every location is marked `isSampleData`.
 */
import type { Payload } from 'payload'

import type { User } from '../src/payload-types'
import { type Settings, settings } from '../src/settings'
import { slugify } from '../collections/fields/slugify'
import { publishThroughReview, type ReviewTeam } from './review'

export const DEMO_ACCOUNTS = [
  { email: 'admin@example.com', name: 'Demo Admin', role: 'admin', credentials: null },
  { email: 'editor@example.com', name: 'Demo Editor', role: 'editor', credentials: null },
  { email: 'reviewer@example.com', name: 'Dr. Demo Reviewer', role: 'reviewer', credentials: 'MD, Orthopedic Surgery' },
] as const

/** The documented development default; production never uses it. */
export const DEFAULT_DEMO_PASSWORD = 'careline-demo'

/** DEMO_PASSWORD when set; the default outside production; in production, none (no accounts). */
export function demoPassword(from: Pick<Settings, 'demoPassword' | 'production'> = settings): string | undefined {
  if (from.demoPassword) return from.demoPassword
  return from.production ? undefined : DEFAULT_DEMO_PASSWORD
}

export async function ensureDemoAccounts(payload: Payload, password = demoPassword()) {
  if (!password) return { created: 0, skipped: DEMO_ACCOUNTS.length, reason: 'production without DEMO_PASSWORD' }
  let created = 0
  for (const account of DEMO_ACCOUNTS) {
    const { totalDocs } = await payload.count({ collection: 'users', where: { email: { equals: account.email } } })
    if (totalDocs) continue
    await payload.create({ collection: 'users', data: { ...account, credentials: account.credentials ?? undefined, password } })
    created++
  }
  return { created, skipped: DEMO_ACCOUNTS.length - created }
}

/** The demo editor and reviewer, when they exist: the seed's review team for `--publish`. */
export async function demoReviewTeam(payload: Payload): Promise<ReviewTeam | undefined> {
  const find = async (email: string) =>
    (await payload.find({ collection: 'users', where: { email: { equals: email } }, limit: 1, depth: 0 })).docs[0] as User | undefined
  const editor = await find(DEMO_ACCOUNTS[1].email)
  const reviewer = await find(DEMO_ACCOUNTS[2].email)
  return editor && reviewer ? { editor, reviewer } : undefined
}

const SAMPLE_LOCATIONS = [
  { name: 'Sample Spine Center Downtown', city: 'Cincinnati', region: 'OH', postalCode: '45202', street: '100 Sample Street', latitude: 39.1031, longitude: -84.512, phone: '+1 555 010 0100', accepting: true },
  { name: 'Sample Orthopedic Clinic North', city: 'Cincinnati', region: 'OH', postalCode: '45231', street: '200 Example Avenue', latitude: 39.2284, longitude: -84.5447, phone: '+1 555 010 0200', accepting: true },
  { name: 'Sample Nerve and Pain Institute', city: 'Dayton', region: 'OH', postalCode: '45402', street: '300 Demo Boulevard', latitude: 39.7589, longitude: -84.1916, phone: '+1 555 010 0300', accepting: false },
  { name: 'Sample Physical Therapy East', city: 'Columbus', region: 'OH', postalCode: '43215', street: '400 Placeholder Road', latitude: 39.9612, longitude: -82.9988, phone: '+1 555 010 0400', accepting: true },
]

/**
 * Creates the sample locations once, linked to every imported condition and treatment; with a
 * review team, takes them through review to publication like any other content.
 */
export async function ensureSampleLocations(payload: Payload, { team }: { team?: ReviewTeam }) {
  const [conditions, treatments, specialties] = await Promise.all([
    payload.find({ collection: 'conditions', limit: 100, depth: 0, draft: true, select: { slug: true } }),
    payload.find({ collection: 'treatments', limit: 100, depth: 0, draft: true, select: { slug: true } }),
    payload.find({ collection: 'specialties', limit: 100, depth: 0, select: { slug: true } }),
  ])
  let created = 0
  for (const [i, sample] of SAMPLE_LOCATIONS.entries()) {
    // By slug, drafts included: a run cut short may have left the location unpublished, and this
    // run takes it the rest of the way (publishing skips what is already live).
    const { docs: existing } = await payload.find({
      collection: 'locations',
      where: { slug: { equals: slugify(sample.name) } },
      draft: true,
      depth: 0,
      limit: 1,
      select: { slug: true },
    })
    if (existing[0]) {
      if (team) await publishThroughReview(payload, team, [{ collection: 'locations', id: existing[0].id }])
      continue
    }
    const location = await payload.create({
      collection: 'locations',
      draft: true,
      data: {
        name: sample.name,
        summary: 'Sample data for demonstrations: not a real clinic.',
        address: { street: sample.street, city: sample.city, region: sample.region, postalCode: sample.postalCode, country: 'US' },
        latitude: sample.latitude,
        longitude: sample.longitude,
        phone: sample.phone,
        openingHours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], opens: '08:00', closes: i % 2 ? '17:00' : '18:30' }],
        acceptingNewPatients: sample.accepting,
        conditionsTreated: conditions.docs.map((d) => d.id),
        // Each sample offers a different slice of the treatments, so filters have something to do.
        treatmentsOffered: treatments.docs.filter((_, t) => t % SAMPLE_LOCATIONS.length !== i).map((d) => d.id),
        specialties: specialties.docs.map((d) => d.id),
        isSampleData: true,
      },
    })
    if (team) await publishThroughReview(payload, team, [{ collection: 'locations', id: location.id }])
    created++
  }
  return { created }
}
