import type { JoinField } from 'payload'

/** The reverse side of a condition's relationship: "which conditions list this?" */
export const conditionsJoinField = (on: string): JoinField => ({
  name: 'conditions',
  type: 'join',
  collection: 'conditions',
  on,
  defaultLimit: 50,
  // Sorting a join by a localized field (the name) trips a Payload SQL bug on version tables.
  defaultSort: 'slug',
  admin: { description: 'Conditions that list this record. Edit the link from the condition.' },
})
