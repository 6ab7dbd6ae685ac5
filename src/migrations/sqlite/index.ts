import * as migration_20261124_030144_initial from './20261124_030144_initial';
import * as migration_20261124_034731_provenance from './20261124_034731_provenance';

export const migrations = [
  {
    up: migration_20261124_030144_initial.up,
    down: migration_20261124_030144_initial.down,
    name: '20261124_030144_initial',
  },
  {
    up: migration_20261124_034731_provenance.up,
    down: migration_20261124_034731_provenance.down,
    name: '20261124_034731_provenance'
  },
];
