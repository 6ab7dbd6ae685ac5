import * as migration_20261124_030144_initial from './20261124_030144_initial';

export const migrations = [
  {
    up: migration_20261124_030144_initial.up,
    down: migration_20261124_030144_initial.down,
    name: '20261124_030144_initial'
  },
];
