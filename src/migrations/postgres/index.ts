import * as migration_20261124_030149_initial from './20261124_030149_initial';
import * as migration_20261124_034737_provenance from './20261124_034737_provenance';
import * as migration_20261124_035333_document_imports from './20261124_035333_document_imports';
import * as migration_20261124_045316_medical_review from './20261124_045316_medical_review';
import * as migration_20261124_045645_scheduled_publish from './20261124_045645_scheduled_publish';

export const migrations = [
  {
    up: migration_20261124_030149_initial.up,
    down: migration_20261124_030149_initial.down,
    name: '20261124_030149_initial',
  },
  {
    up: migration_20261124_034737_provenance.up,
    down: migration_20261124_034737_provenance.down,
    name: '20261124_034737_provenance',
  },
  {
    up: migration_20261124_035333_document_imports.up,
    down: migration_20261124_035333_document_imports.down,
    name: '20261124_035333_document_imports',
  },
  {
    up: migration_20261124_045316_medical_review.up,
    down: migration_20261124_045316_medical_review.down,
    name: '20261124_045316_medical_review',
  },
  {
    up: migration_20261124_045645_scheduled_publish.up,
    down: migration_20261124_045645_scheduled_publish.down,
    name: '20261124_045645_scheduled_publish'
  },
];
