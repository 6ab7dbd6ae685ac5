import type { CollectionConfig } from 'payload'

import { Refusal } from '../../src/errors'
import { isStaff } from '../access/isStaff'
import { storedReference } from '../fields/storedReference'
import { ACTION_LABELS, REVIEW_ACTIONS, REVIEW_STAGES, STAGE_LABELS } from '../medicalReview/rules'
import { REVIEWED_COLLECTIONS } from '../medicalReview/transition'

/** Set only by the workflow's own hook while it appends an event. */
export const REVIEW_EVENT_WRITE = 'writingReviewEvent'

const onlyAppendedByTheWorkflow = () => {
  throw new Refusal('Review events are an append-only audit trail: they cannot be changed or deleted.', 403)
}

/**
 * The audit trail of medical review: who did what to which version, when, and why. Append-only
 * for everyone, admins included, on every API; the Local API too, unless the workflow writes.
 */
export const ReviewEvents: CollectionConfig = {
  slug: 'review-events',
  labels: { singular: 'Review event', plural: 'Review events' },
  admin: {
    useAsTitle: 'documentTitle',
    defaultColumns: ['createdAt', 'documentTitle', 'action', 'fromStage', 'toStage', 'actor'],
    group: 'Medical review',
  },
  defaultSort: '-createdAt',
  access: {
    read: isStaff,
    create: () => false,
    update: () => false,
    delete: () => false,
  },
  hooks: {
    beforeChange: [
      ({ context, operation }) => {
        if (operation !== 'create' || context[REVIEW_EVENT_WRITE] !== true) onlyAppendedByTheWorkflow()
      },
    ],
    beforeDelete: [onlyAppendedByTheWorkflow],
  },
  fields: [
    {
      name: 'documentCollection',
      type: 'select',
      required: true,
      index: true,
      options: [...REVIEWED_COLLECTIONS],
    },
    { name: 'documentId', type: 'text', required: true, index: true, ...storedReference({ kind: 'document', collectionIn: 'documentCollection' }) },
    { name: 'documentTitle', type: 'text' },
    {
      name: 'action',
      type: 'select',
      required: true,
      index: true,
      options: [...REVIEW_ACTIONS.map((value) => ({ label: ACTION_LABELS[value], value })), { label: 'Content edited', value: 'edit' }],
    },
    { name: 'fromStage', type: 'select', required: true, options: REVIEW_STAGES.map((value) => ({ label: STAGE_LABELS[value], value })) },
    { name: 'toStage', type: 'select', required: true, options: REVIEW_STAGES.map((value) => ({ label: STAGE_LABELS[value], value })) },
    { name: 'revision', type: 'number', required: true, admin: { description: 'The content revision the action applied to.' } },
    { name: 'version', type: 'text', admin: { description: 'The version this action saved.' }, ...storedReference({ kind: 'version', collectionIn: 'documentCollection' }) },
    { name: 'comment', type: 'textarea' },
    { name: 'actor', type: 'relationship', relationTo: 'users', admin: { description: 'Empty for the system (a scheduled publish).' } },
    { name: 'assignedReviewer', type: 'relationship', relationTo: 'users' },
  ],
  timestamps: true,
}
