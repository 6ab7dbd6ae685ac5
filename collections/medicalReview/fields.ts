import type { Field, FieldAccess } from 'payload'

import { hasRole, STAFF_ROLES } from '../access/roles'
import { derivedFrom } from '../fields/derived'
import { REVIEW_STAGES, STAGE_LABELS } from './rules'

const staffOnly: FieldAccess = ({ req }) => hasRole(req.user, ...STAFF_ROLES)
const reviewersOnly: FieldAccess = ({ req }) => hasRole(req.user, 'reviewer', 'admin')
/** Workflow state is written by the workflow hooks only, never typed in through any API. */
const writtenByWorkflow = { create: () => false, update: () => false }

export const DEFAULT_REVIEW_INTERVAL_MONTHS = 12

/** Past its review date now (read time, not save time: stored copies of a page re-derive it). */
export const isReviewOverdue = (nextReviewDue: unknown, now = new Date()) =>
  Boolean(nextReviewDue && new Date(nextReviewDue as string) < now)

/** The review panel shows these; the edit view shows no second, disabled copy. */
const SHOWN_IN_REVIEW_PANEL = '/admin/ShownInReviewPanel#ShownInReviewPanel'

/** Fields the workflow owns; a change to any of them is not a change to the content. */
export const WORKFLOW_FIELD_NAMES = [
  'reviewPanel',
  'reviewStage',
  'assignedReviewer',
  'revision',
  'contributors',
  'approval',
  'reviewedBy',
  'lastReviewedAt',
  'nextReviewDue',
  'reviewIntervalMonths',
  'reviewOverdue',
] as const

/**
 * The medical review fields every clinical document carries. The public sees only the trust
 * signals (who reviewed it, when, and when it is due again); the stage, the assignment and the
 * approval are for staff.
 */
export const reviewFields = (): Field[] => [
  {
    name: 'reviewPanel',
    type: 'ui',
    admin: { position: 'sidebar', components: { Field: '/admin/ReviewPanel#ReviewPanel' } },
  },
  {
    name: 'reviewStage',
    label: 'Review stage',
    type: 'select',
    options: REVIEW_STAGES.map((value) => ({ label: STAGE_LABELS[value], value })),
    defaultValue: 'draft',
    index: true,
    access: { read: staffOnly, ...writtenByWorkflow },
    admin: { position: 'sidebar', readOnly: true, components: { Field: SHOWN_IN_REVIEW_PANEL } },
  },
  {
    name: 'assignedReviewer',
    type: 'relationship',
    relationTo: 'users',
    index: true,
    access: { read: staffOnly, ...writtenByWorkflow },
    admin: { position: 'sidebar', readOnly: true, description: 'Empty: any reviewer may pick it up.', components: { Field: SHOWN_IN_REVIEW_PANEL } },
  },
  {
    // Counts changes to the content: an approval names the revision it covers, and a save based
    // on an older revision than the latest is refused (409) instead of overwriting it.
    name: 'revision',
    type: 'number',
    defaultValue: 1,
    access: { read: staffOnly, ...writtenByWorkflow },
    admin: { hidden: true },
  },
  {
    name: 'contributors',
    type: 'relationship',
    relationTo: 'users',
    hasMany: true,
    access: { read: staffOnly, ...writtenByWorkflow },
    admin: { hidden: true },
  },
  {
    name: 'approval',
    type: 'group',
    access: { read: staffOnly, ...writtenByWorkflow },
    admin: { hidden: true },
    fields: [
      { name: 'approvedBy', type: 'relationship', relationTo: 'users' },
      { name: 'approvedAt', type: 'date' },
      { name: 'revision', type: 'number' },
    ],
  },
  {
    // Public trust signal: a snapshot, so the page keeps its reviewer if the account changes.
    name: 'reviewedBy',
    label: 'Medically reviewed by',
    type: 'group',
    access: writtenByWorkflow,
    admin: { position: 'sidebar', readOnly: true, condition: (data) => Boolean(data?.reviewedBy?.name) },
    fields: [
      { name: 'name', type: 'text' },
      { name: 'credentials', type: 'text' },
    ],
  },
  {
    name: 'lastReviewedAt',
    label: 'Last reviewed',
    type: 'date',
    access: writtenByWorkflow,
    admin: { position: 'sidebar', readOnly: true, date: { pickerAppearance: 'dayOnly' } },
  },
  {
    name: 'nextReviewDue',
    label: 'Next review due',
    type: 'date',
    index: true,
    access: writtenByWorkflow,
    admin: { position: 'sidebar', readOnly: true, date: { pickerAppearance: 'dayOnly' }, components: { Field: SHOWN_IN_REVIEW_PANEL } },
  },
  {
    name: 'reviewIntervalMonths',
    label: 'Re-review every (months)',
    type: 'number',
    defaultValue: DEFAULT_REVIEW_INTERVAL_MONTHS,
    min: 1,
    max: 36,
    access: { read: staffOnly, update: reviewersOnly, create: reviewersOnly },
    admin: { position: 'sidebar', step: 1, description: 'Set by a reviewer; counted from the last approval.' },
  },
  {
    // Derived on read, so it is never stale: past its review date.
    name: 'reviewOverdue',
    type: 'checkbox',
    virtual: true,
    ...derivedFrom('nextReviewDue'),
    access: writtenByWorkflow,
    admin: { hidden: true },
    hooks: {
      afterRead: [({ siblingData }) => isReviewOverdue(siblingData?.nextReviewDue)],
    },
  },
]
