/**
 * Which content fields a write changes (collections/medicalReview/contentChanges.ts), on its own: a
 * change voids an approval, so a change must never be read as "the same content".
 */
import type { FlattenedField } from 'payload'

import { changedContentFields, sameContent } from '../collections/medicalReview/contentChanges'

const fields = [
  { name: 'name', type: 'text' },
  { name: 'parent', type: 'relationship', relationTo: 'conditions' },
  { name: 'symptoms', type: 'array', flattenedFields: [] },
] as unknown as FlattenedField[]

describe('content changes', () => {
  test('a relationship given as the populated document is the same as its id', () => {
    expect(sameContent({ id: 3, name: 'Sciatica' }, 3)).toBe(true)
    expect(sameContent(3, { id: 3, name: 'Sciatica' })).toBe(true)
    expect(sameContent({ id: 4, name: 'Other' }, 3)).toBe(false)
  })

  test('an array row changed under the same row id is a change', () => {
    const before = [{ id: 'row1', group: 'common', symptom: 7 }]
    expect(sameContent([{ id: 'row1', group: 'rare', symptom: 7 }], before)).toBe(false)
    expect(sameContent([{ id: 'row1', group: 'common', symptom: 8 }], before)).toBe(false)
    expect(changedContentFields(fields, { symptoms: [{ id: 'row1', group: 'rare', symptom: 7 }] }, { symptoms: before })).toEqual(['symptoms'])
  })

  test('rows are compared without their ids, and a populated link inside a row by its id', () => {
    const before = [{ id: 'row1', group: 'common', symptom: 7 }]
    expect(sameContent([{ group: 'common', symptom: 7 }], before)).toBe(true)
    expect(sameContent([{ id: 'other', group: 'common', symptom: { id: 7, name: 'Numbness' } }], before)).toBe(true)
    expect(changedContentFields(fields, { name: 'Sciatica', parent: { id: 2 }, symptoms: before }, { name: 'Sciatica', parent: 2, symptoms: before })).toEqual([])
  })
})
