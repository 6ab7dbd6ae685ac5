import type { CollectionConfig } from 'payload'

import { Conditions } from './Conditions'
import { DiagnosticTests } from './DiagnosticTests'
import { Imports } from './Imports'
import { Locations } from './Locations'
import { Media } from './Media'
import { References } from './References'
import { Specialties } from './Specialties'
import { Symptoms } from './Symptoms'
import { Treatments } from './Treatments'
import { Users } from './Users'

/** The clinical collections: drafts, versions and (later) medical review. */
export const CLINICAL_COLLECTIONS = ['conditions', 'symptoms', 'treatments', 'diagnostic-tests', 'locations'] as const

export const collections: CollectionConfig[] = [
  Conditions,
  Symptoms,
  Treatments,
  DiagnosticTests,
  Locations,
  Specialties,
  References,
  Media,
  Imports,
  Users,
]
