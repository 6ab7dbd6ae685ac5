import * as migration_20261124_030149_initial from './20261124_030149_initial';

export const migrations = [
  {
    up: migration_20261124_030149_initial.up,
    down: migration_20261124_030149_initial.down,
    name: '20261124_030149_initial'
  },
];
