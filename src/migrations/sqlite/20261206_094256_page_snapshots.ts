import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

import { backfillPageSnapshots } from '../../publication/snapshots'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`published_pages\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`page_collection\` text NOT NULL,
  	\`document_id\` text NOT NULL,
  	\`slug\` text NOT NULL,
  	\`locale\` text NOT NULL,
  	\`name\` text NOT NULL,
  	\`sort_key\` text NOT NULL,
  	\`card\` text NOT NULL,
  	\`page\` text NOT NULL,
  	\`version\` text,
  	\`approval\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`published_pages_updated_at_idx\` ON \`published_pages\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`published_pages_created_at_idx\` ON \`published_pages\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`pageCollection_slug_locale_idx\` ON \`published_pages\` (\`page_collection\`,\`slug\`,\`locale\`);`)
  await db.run(sql`CREATE INDEX \`pageCollection_locale_sortKey_slug_idx\` ON \`published_pages\` (\`page_collection\`,\`locale\`,\`sort_key\`,\`slug\`);`)
  await db.run(sql`CREATE TABLE \`published_pages_texts\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer NOT NULL,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`text\` text,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`published_pages\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`published_pages_texts_order_parent\` ON \`published_pages_texts\` (\`order\`,\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`published_pages_texts_text_idx\` ON \`published_pages_texts\` (\`text\`);`)
  await db.run(sql`CREATE TABLE \`page_history\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`page_collection\` text NOT NULL,
  	\`document_id\` text NOT NULL,
  	\`slug\` text NOT NULL,
  	\`locale\` text NOT NULL,
  	\`event\` text NOT NULL,
  	\`cause\` text,
  	\`page\` text,
  	\`version\` text,
  	\`approval\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`page_history_updated_at_idx\` ON \`page_history\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`page_history_created_at_idx\` ON \`page_history\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`pageCollection_slug_locale_createdAt_idx\` ON \`page_history\` (\`page_collection\`,\`slug\`,\`locale\`,\`created_at\`);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`published_pages_id\` integer REFERENCES published_pages(id);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`page_history_id\` integer REFERENCES page_history(id);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_published_pages_id_idx\` ON \`payload_locked_documents_rels\` (\`published_pages_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_page_history_id_idx\` ON \`payload_locked_documents_rels\` (\`page_history_id\`);`)
  // Content published before snapshots existed gets its pages now, in the migration's transaction.
  await backfillPageSnapshots(payload, req)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`published_pages\`;`)
  await db.run(sql`DROP TABLE \`published_pages_texts\`;`)
  await db.run(sql`DROP TABLE \`page_history\`;`)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_payload_locked_documents_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`conditions_id\` integer,
  	\`symptoms_id\` integer,
  	\`treatments_id\` integer,
  	\`diagnostic_tests_id\` integer,
  	\`locations_id\` integer,
  	\`review_events_id\` integer,
  	\`review_bundles_id\` integer,
  	\`specialties_id\` integer,
  	\`references_id\` integer,
  	\`media_id\` integer,
  	\`imports_id\` integer,
  	\`users_id\` integer,
  	\`search_index_id\` integer,
  	\`publication_log_id\` integer,
  	\`webhooks_id\` integer,
  	\`webhook_deliveries_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_locked_documents\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`conditions_id\`) REFERENCES \`conditions\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`symptoms_id\`) REFERENCES \`symptoms\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`treatments_id\`) REFERENCES \`treatments\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`diagnostic_tests_id\`) REFERENCES \`diagnostic_tests\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`locations_id\`) REFERENCES \`locations\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`review_events_id\`) REFERENCES \`review_events\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`review_bundles_id\`) REFERENCES \`review_bundles\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`specialties_id\`) REFERENCES \`specialties\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`references_id\`) REFERENCES \`references\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`media_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`imports_id\`) REFERENCES \`imports\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`search_index_id\`) REFERENCES \`search_index\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`publication_log_id\`) REFERENCES \`publication_log\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`webhooks_id\`) REFERENCES \`webhooks\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`webhook_deliveries_id\`) REFERENCES \`webhook_deliveries\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "conditions_id", "symptoms_id", "treatments_id", "diagnostic_tests_id", "locations_id", "review_events_id", "review_bundles_id", "specialties_id", "references_id", "media_id", "imports_id", "users_id", "search_index_id", "publication_log_id", "webhooks_id", "webhook_deliveries_id") SELECT "id", "order", "parent_id", "path", "conditions_id", "symptoms_id", "treatments_id", "diagnostic_tests_id", "locations_id", "review_events_id", "review_bundles_id", "specialties_id", "references_id", "media_id", "imports_id", "users_id", "search_index_id", "publication_log_id", "webhooks_id", "webhook_deliveries_id" FROM \`payload_locked_documents_rels\`;`)
  await db.run(sql`DROP TABLE \`payload_locked_documents_rels\`;`)
  await db.run(sql`ALTER TABLE \`__new_payload_locked_documents_rels\` RENAME TO \`payload_locked_documents_rels\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_order_idx\` ON \`payload_locked_documents_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_parent_idx\` ON \`payload_locked_documents_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_path_idx\` ON \`payload_locked_documents_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_conditions_id_idx\` ON \`payload_locked_documents_rels\` (\`conditions_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_symptoms_id_idx\` ON \`payload_locked_documents_rels\` (\`symptoms_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_treatments_id_idx\` ON \`payload_locked_documents_rels\` (\`treatments_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_diagnostic_tests_id_idx\` ON \`payload_locked_documents_rels\` (\`diagnostic_tests_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_locations_id_idx\` ON \`payload_locked_documents_rels\` (\`locations_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_review_events_id_idx\` ON \`payload_locked_documents_rels\` (\`review_events_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_review_bundles_id_idx\` ON \`payload_locked_documents_rels\` (\`review_bundles_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_specialties_id_idx\` ON \`payload_locked_documents_rels\` (\`specialties_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_references_id_idx\` ON \`payload_locked_documents_rels\` (\`references_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_media_id_idx\` ON \`payload_locked_documents_rels\` (\`media_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_imports_id_idx\` ON \`payload_locked_documents_rels\` (\`imports_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_users_id_idx\` ON \`payload_locked_documents_rels\` (\`users_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_search_index_id_idx\` ON \`payload_locked_documents_rels\` (\`search_index_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_publication_log_id_idx\` ON \`payload_locked_documents_rels\` (\`publication_log_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_webhooks_id_idx\` ON \`payload_locked_documents_rels\` (\`webhooks_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_webhook_deliveries_id_idx\` ON \`payload_locked_documents_rels\` (\`webhook_deliveries_id\`);`)
}
