import * as migration_20261124_030144_initial from './20261124_030144_initial';
import * as migration_20261124_034731_provenance from './20261124_034731_provenance';
import * as migration_20261124_035328_document_imports from './20261124_035328_document_imports';
import * as migration_20261124_045312_medical_review from './20261124_045312_medical_review';

export const migrations = [
  {
    up: migration_20261124_030144_initial.up,
    down: migration_20261124_030144_initial.down,
    name: '20261124_030144_initial',
  },
  {
    up: migration_20261124_034731_provenance.up,
    down: migration_20261124_034731_provenance.down,
    name: '20261124_034731_provenance',
  },
  {
    up: migration_20261124_035328_document_imports.up,
    down: migration_20261124_035328_document_imports.down,
    name: '20261124_035328_document_imports',
  },
  {
    up: migration_20261124_045312_medical_review.up,
    down: migration_20261124_045312_medical_review.down,
    name: '20261124_045312_medical_review'
  },
];
