/**
 * A small, linked content set with published and unpublished records side by side, created
 * through the Local API: the shape every access test checks against.
 */
import fs from 'node:fs'
import path from 'node:path'

import { createLocalReq, type Payload } from 'payload'

import { applyReviewTransition } from '../../collections/medicalReview'

import { importDocument } from '../../src/importer'
import { publishThroughReview, type ReviewTeam } from '../../seed/review'
import type { User } from '../../src/payload-types'

export const DRAFT_MARKER = 'UNREVIEWED-DRAFT-TEXT'
export const DEFAULT_TEST_PASSWORD = 'correct-horse-battery-staple'

export const paragraph = (text: string) => ({
  root: {
    type: 'root',
    format: '' as const,
    indent: 0,
    version: 1,
    direction: 'ltr' as const,
    children: [
      {
        type: 'paragraph',
        format: '' as const,
        indent: 0,
        version: 1,
        direction: 'ltr' as const,
        textFormat: 0,
        children: [{ type: 'text', text, format: 0, detail: 0, mode: 'normal', style: '', version: 1 }],
      },
    ],
  },
})

export async function createStaff(payload: Payload) {
  const make = (role: string, name: string, credentials?: string, email = `${role}@test.careline`) =>
    payload.create({
      collection: 'users',
      data: { email, password: DEFAULT_TEST_PASSWORD, name, credentials, role: role as 'admin' },
    }) as Promise<User>
  const admin = await make('admin', 'Ada Admin', 'MD, Chief Medical Officer')
  const editor = await make('editor', 'Eddie Editor')
  const reviewer = await make('reviewer', 'Dr. Rita Reviewer', 'MD, Neurology')
  const reader = await make('reader', 'Kiosk App')
  // A second editor and reviewer, for four-eyes and conflicting saves.
  const editor2 = await make('editor', 'Erin Editor', undefined, 'editor2@test.careline')
  const reviewer2 = await make('reviewer', 'Dr. Sam Second', 'DO, Physical Medicine', 'reviewer2@test.careline')
  return { admin, editor, reviewer, reader, editor2, reviewer2 }
}

export type Staff = Awaited<ReturnType<typeof createStaff>>

/** Publishes records the only way there is: submitted by an editor, approved and published by a reviewer. */
export const publish = (payload: Payload, team: ReviewTeam, ...records: { collection: 'conditions' | 'symptoms' | 'treatments' | 'diagnostic-tests' | 'locations'; id: number | string }[]) =>
  publishThroughReview(payload, team, records)

/** The bundled patient-education document, imported and taken through review (the browser tests' content). */
export async function publishBundledDocument(payload: Payload, team: ReviewTeam) {
  const source = path.resolve(import.meta.dirname, '../../seed/source/back-spine-neuropathy.txt')
  const report = await importDocument(payload, { fileName: source, bytes: fs.readFileSync(source), user: team.editor as never })
  // The condition first: its review bundle publishes the records it links to with it.
  await publish(payload, team, { collection: 'conditions', id: report.condition.id }, ...report.records)
  return report
}

export async function createContent(payload: Payload, team: ReviewTeam, options: { unpublishedLater?: boolean } = {}) {
  const orthopedics = await payload.create({ collection: 'specialties', data: { name: 'Orthopedics' } })
  const burning = await payload.create({
    collection: 'symptoms',
    data: { name: 'Burning pain', category: 'pain' },
    draft: true,
  })
  // Linked from the published condition, then withdrawn (unpublished) and renamed in a draft: a
  // published page that links to a record the public may no longer see. (A page cannot be
  // published while it links to a draft: the draft goes into its review bundle.)
  const secretSymptom = await payload.create({
    collection: 'symptoms',
    data: { name: 'Withdrawn symptom', slug: 'draft-symptom-unreviewed-draft-text', category: 'general' },
    draft: true,
  })
  const emg = await payload.create({
    collection: 'diagnostic-tests',
    data: { name: 'Electromyography', kind: 'nerve-function', detects: 'Nerve damage' },
    draft: true,
  })
  const tens = await payload.create({
    collection: 'treatments',
    data: { name: 'TENS', kind: 'therapy', invasiveness: 'nonsurgical' },
    draft: true,
  })
  const neuropathy = await payload.create({
    collection: 'conditions',
    data: {
      name: 'Back and spine neuropathy',
      summary: 'Nerve pain that starts in the spine.',
      description: paragraph('Neuropathic pain in the back originates from a compressed nerve.'),
      symptoms: [
        { symptom: burning.id, group: 'pain' },
        { symptom: secretSymptom.id, group: 'other' },
      ],
      diagnosticTests: [emg.id],
      treatments: [tens.id],
      specialties: [orthopedics.id],
      codes: [{ system: 'ICD-10-CM', code: 'M54.10' }],
    },
    draft: true,
  })
  const cervical = await payload.create({
    collection: 'conditions',
    data: { name: 'Cervical radiculopathy', parent: neuropathy.id, summary: 'Pain radiating down the arm.' },
    draft: true,
  })
  await publish(
    payload,
    team,
    { collection: 'symptoms', id: burning.id },
    { collection: 'diagnostic-tests', id: emg.id },
    { collection: 'treatments', id: tens.id },
    { collection: 'conditions', id: neuropathy.id },
    { collection: 'conditions', id: cervical.id },
  )
  const base = { orthopedics, burning, secretSymptom, emg, tens, neuropathy, cervical }
  // A test that publishes more first (a re-published page takes its linked drafts along in its
  // review bundle) adds the unpublished content itself, afterwards.
  if (options.unpublishedLater) return base as typeof base & Awaited<ReturnType<typeof addUnpublishedContent>>
  return { ...base, ...(await addUnpublishedContent(payload, team, base)) }
}

/**
 * What the public must never see, beside published content: the linked symptom withdrawn and
 * renamed in a draft, an unpublished subtype, and a newer unreviewed draft of the condition.
 */
export async function addUnpublishedContent(
  payload: Payload,
  team: ReviewTeam,
  { secretSymptom, neuropathy }: { secretSymptom: { id: number | string }; neuropathy: { id: number | string } },
) {
  const reviewerReq = await createLocalReq({ user: { ...team.reviewer, collection: 'users' } as never }, payload)
  await applyReviewTransition({ req: reviewerReq, collection: 'symptoms', id: secretSymptom.id, action: 'unpublish' })
  await payload.update({ collection: 'symptoms', id: secretSymptom.id, data: { name: `Draft symptom ${DRAFT_MARKER}` }, draft: true })
  const unpublished = await payload.create({
    collection: 'conditions',
    data: { name: `Unpublished condition ${DRAFT_MARKER}`, parent: neuropathy.id },
    draft: true,
  })
  // A published condition with a newer, unreviewed draft on top: the public keeps the old text.
  await payload.update({
    collection: 'conditions',
    id: neuropathy.id,
    data: { summary: `Edited summary ${DRAFT_MARKER}` },
    draft: true,
  })
  return { unpublished }
}

