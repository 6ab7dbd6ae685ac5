import type { Access, CollectionConfig } from 'payload'

import { Refusal } from '../../src/errors'
import { isStaff } from '../access/isStaff'
import { storedReference } from '../fields/storedReference'
import { REVIEW_BUNDLE_WRITE } from '../medicalReview/bundles'
import { REVIEWED_COLLECTIONS } from '../medicalReview/transition'

const writtenByWorkflow: Access = (args) => args.req.context?.[REVIEW_BUNDLE_WRITE] === true && Boolean(isStaff(args))

const onlyWrittenByTheWorkflow = () => {
  throw new Refusal('Review bundles are kept by the review workflow: submit a document to make or change its bundle.', 403)
}

/**
 * A review bundle: a document submitted for review together with the new or changed drafts it
 * links to (symptoms, treatments, tests, subtypes). The reviewer reads every member's changes
 * and approves or requests changes once; publishing the document publishes every member in the
 * same transaction. One bundle per document, rewritten at each submission.
 */
export const ReviewBundles: CollectionConfig = {
  slug: 'review-bundles',
  labels: { singular: 'Review bundle', plural: 'Review bundles' },
  admin: {
    useAsTitle: 'rootTitle',
    defaultColumns: ['rootTitle', 'rootCollection', 'submittedBy', 'updatedAt'],
    group: 'Medical review',
    description: 'Documents submitted for review with the drafts they link to. Kept by the review workflow.',
  },
  defaultSort: '-updatedAt',
  // Staff read bundles in the admin and through the review status (REST and GraphQL); the
  // collection itself needs no GraphQL types of its own.
  graphQL: false,
  access: {
    read: isStaff,
    // Only the workflow's own write, flagged in the request's server-side context (no API client
    // can set it), and only for staff: no one else writes bundles, and no one deletes them.
    create: writtenByWorkflow,
    update: writtenByWorkflow,
    delete: () => false,
  },
  hooks: {
    beforeChange: [
      ({ context, data }) => {
        if (context[REVIEW_BUNDLE_WRITE] !== true) onlyWrittenByTheWorkflow()
        return data
      },
    ],
    beforeDelete: [onlyWrittenByTheWorkflow],
  },
  fields: [
    { name: 'rootKey', type: 'text', required: true, unique: true, index: true, admin: { hidden: true }, ...storedReference({ kind: 'key' }) },
    { name: 'rootCollection', label: 'Collection', type: 'select', required: true, options: [...REVIEWED_COLLECTIONS] },
    { name: 'rootId', label: 'Document id', type: 'text', required: true, ...storedReference({ kind: 'document', collectionIn: 'rootCollection' }) },
    { name: 'rootTitle', label: 'Document', type: 'text' },
    {
      name: 'members',
      type: 'array',
      labels: { singular: 'Linked record', plural: 'Linked records' },
      admin: { description: 'Reviewed and published together with the document.' },
      fields: [
        { name: 'documentCollection', label: 'Collection', type: 'select', required: true, options: [...REVIEWED_COLLECTIONS] },
        { name: 'documentId', label: 'Id', type: 'text', required: true, ...storedReference({ kind: 'document', collectionIn: 'documentCollection' }) },
        { name: 'title', type: 'text' },
      ],
    },
    { name: 'submittedBy', type: 'relationship', relationTo: 'users' },
  ],
  timestamps: true,
}
