import type { ArrayField } from 'payload'

export const CODE_SYSTEMS = [
  { label: 'ICD-10-CM', value: 'ICD-10-CM' },
  { label: 'SNOMED CT', value: 'SNOMED-CT' },
] as const

export type CodeSystem = (typeof CODE_SYSTEMS)[number]['value']

// ICD-10-CM: a letter, two characters, then up to four after the dot (e.g. M54.16, E11.40).
const ICD10CM = /^[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?$/

// Verhoeff tables: SNOMED CT identifiers end in a Verhoeff check digit.
const D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7], [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3], [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
]
const P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7], [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
]
const verhoeffValid = (digits: string) =>
  [...digits].reverse().reduce((c, ch, i) => D[c][P[i % 8][Number(ch)]], 0) === 0

/** Says what is wrong with a code for its system, or returns true. */
export function validateMedicalCode(system: unknown, code: unknown): true | string {
  if (typeof code !== 'string' || !code) return 'A code is required.'
  if (system === 'ICD-10-CM') {
    return ICD10CM.test(code) ? true : `"${code}" is not an ICD-10-CM code (expected a form like M54.16).`
  }
  if (system === 'SNOMED-CT') {
    if (!/^\d{6,18}$/.test(code)) return `"${code}" is not a SNOMED CT identifier (6 to 18 digits).`
    return verhoeffValid(code) ? true : `"${code}" fails the SNOMED CT check digit; check for a typo.`
  }
  return 'Choose a code system.'
}

/** Standard codes that identify the concept for search engines, EHRs and analytics. */
export const medicalCodesField = (): ArrayField => ({
  name: 'codes',
  type: 'array',
  labels: { singular: 'Code', plural: 'Medical codes' },
  admin: { description: 'ICD-10-CM and SNOMED CT codes for this concept.' },
  fields: [
    { name: 'system', type: 'select', required: true, options: [...CODE_SYSTEMS] },
    {
      name: 'code',
      type: 'text',
      required: true,
      validate: (value: unknown, { siblingData }: { siblingData: Record<string, unknown> }) =>
        validateMedicalCode(siblingData?.system, value),
    },
  ],
})
