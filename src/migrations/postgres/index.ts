import * as migration_20261124_030149_initial from './20261124_030149_initial';
import * as migration_20261124_034737_provenance from './20261124_034737_provenance';
import * as migration_20261124_035333_document_imports from './20261124_035333_document_imports';
import * as migration_20261124_045316_medical_review from './20261124_045316_medical_review';
import * as migration_20261124_045645_scheduled_publish from './20261124_045645_scheduled_publish';
import * as migration_20261124_062726_publication_log from './20261124_062726_publication_log';
import * as migration_20261124_063438_search_index from './20261124_063438_search_index';
import * as migration_20261124_064107_webhooks from './20261124_064107_webhooks';
import * as migration_20261124_083449_users_reset_interval from './20261124_083449_users_reset_interval';
import * as migration_20261124_111118_locales_parent_index from './20261124_111118_locales_parent_index';
import * as migration_20261129_160000_search_full_text from './20261129_160000_search_full_text';
import * as migration_20261129_200000_search_terms from './20261129_200000_search_terms';
import * as migration_20261206_004528_review_bundles from './20261206_004528_review_bundles';
import * as migration_20261206_035018_api_key_unique from './20261206_035018_api_key_unique';
import * as migration_20261206_094333_page_snapshots from './20261206_094333_page_snapshots';
import * as migration_20261207_024933_page_text from './20261207_024933_page_text';

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
    name: '20261124_045645_scheduled_publish',
  },
  {
    up: migration_20261124_062726_publication_log.up,
    down: migration_20261124_062726_publication_log.down,
    name: '20261124_062726_publication_log',
  },
  {
    up: migration_20261124_063438_search_index.up,
    down: migration_20261124_063438_search_index.down,
    name: '20261124_063438_search_index',
  },
  {
    up: migration_20261124_064107_webhooks.up,
    down: migration_20261124_064107_webhooks.down,
    name: '20261124_064107_webhooks',
  },
  {
    up: migration_20261124_083449_users_reset_interval.up,
    down: migration_20261124_083449_users_reset_interval.down,
    name: '20261124_083449_users_reset_interval',
  },
  {
    up: migration_20261124_111118_locales_parent_index.up,
    down: migration_20261124_111118_locales_parent_index.down,
    name: '20261124_111118_locales_parent_index',
  },
  {
    up: migration_20261129_160000_search_full_text.up,
    down: migration_20261129_160000_search_full_text.down,
    name: '20261129_160000_search_full_text',
  },
  {
    up: migration_20261129_200000_search_terms.up,
    down: migration_20261129_200000_search_terms.down,
    name: '20261129_200000_search_terms',
  },
  {
    up: migration_20261206_004528_review_bundles.up,
    down: migration_20261206_004528_review_bundles.down,
    name: '20261206_004528_review_bundles',
  },
  {
    up: migration_20261206_035018_api_key_unique.up,
    down: migration_20261206_035018_api_key_unique.down,
    name: '20261206_035018_api_key_unique',
  },
  {
    up: migration_20261206_094333_page_snapshots.up,
    down: migration_20261206_094333_page_snapshots.down,
    name: '20261206_094333_page_snapshots',
  },
  {
    up: migration_20261207_024933_page_text.up,
    down: migration_20261207_024933_page_text.down,
    name: '20261207_024933_page_text'
  },
];
