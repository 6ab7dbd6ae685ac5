import type { CollectionConfig } from 'payload'

import { Conditions } from './Conditions'
import { DiagnosticTests } from './DiagnosticTests'
import { Imports } from './Imports'
import { Locations } from './Locations'
import { Media } from './Media'
import { References } from './References'
import { ReviewBundles } from './ReviewBundles'
import { ReviewEvents } from './ReviewEvents'
import { Specialties } from './Specialties'
import { Symptoms } from './Symptoms'
import { Treatments } from './Treatments'
import { Users } from './Users'
import { withMedicalReview } from './medicalReview'

export const collections: CollectionConfig[] = [
  // The clinical collections state their content; medical review adds access, hooks, versions.
  ...[Conditions, Symptoms, Treatments, DiagnosticTests, Locations].map(withMedicalReview),
  ReviewEvents,
  ReviewBundles,
  Specialties,
  References,
  Media,
  Imports,
  Users,
]
