import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`symptoms_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`users_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`symptoms\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`symptoms_rels_order_idx\` ON \`symptoms_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`symptoms_rels_parent_idx\` ON \`symptoms_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`symptoms_rels_path_idx\` ON \`symptoms_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`symptoms_rels_users_id_idx\` ON \`symptoms_rels\` (\`users_id\`);`)
  await db.run(sql`CREATE TABLE \`_symptoms_v_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`users_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`_symptoms_v\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_symptoms_v_rels_order_idx\` ON \`_symptoms_v_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`_symptoms_v_rels_parent_idx\` ON \`_symptoms_v_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_symptoms_v_rels_path_idx\` ON \`_symptoms_v_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`_symptoms_v_rels_users_id_idx\` ON \`_symptoms_v_rels\` (\`users_id\`);`)
  await db.run(sql`CREATE TABLE \`treatments_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`users_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`treatments\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`treatments_rels_order_idx\` ON \`treatments_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`treatments_rels_parent_idx\` ON \`treatments_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`treatments_rels_path_idx\` ON \`treatments_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`treatments_rels_users_id_idx\` ON \`treatments_rels\` (\`users_id\`);`)
  await db.run(sql`CREATE TABLE \`_treatments_v_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`users_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`_treatments_v\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_treatments_v_rels_order_idx\` ON \`_treatments_v_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`_treatments_v_rels_parent_idx\` ON \`_treatments_v_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_treatments_v_rels_path_idx\` ON \`_treatments_v_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`_treatments_v_rels_users_id_idx\` ON \`_treatments_v_rels\` (\`users_id\`);`)
  await db.run(sql`CREATE TABLE \`diagnostic_tests_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`users_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`diagnostic_tests\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`diagnostic_tests_rels_order_idx\` ON \`diagnostic_tests_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`diagnostic_tests_rels_parent_idx\` ON \`diagnostic_tests_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`diagnostic_tests_rels_path_idx\` ON \`diagnostic_tests_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`diagnostic_tests_rels_users_id_idx\` ON \`diagnostic_tests_rels\` (\`users_id\`);`)
  await db.run(sql`CREATE TABLE \`_diagnostic_tests_v_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`users_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`_diagnostic_tests_v\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_diagnostic_tests_v_rels_order_idx\` ON \`_diagnostic_tests_v_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`_diagnostic_tests_v_rels_parent_idx\` ON \`_diagnostic_tests_v_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_diagnostic_tests_v_rels_path_idx\` ON \`_diagnostic_tests_v_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`_diagnostic_tests_v_rels_users_id_idx\` ON \`_diagnostic_tests_v_rels\` (\`users_id\`);`)
  await db.run(sql`CREATE TABLE \`review_events\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`document_collection\` text NOT NULL,
  	\`document_id\` text NOT NULL,
  	\`document_title\` text,
  	\`action\` text NOT NULL,
  	\`from_stage\` text NOT NULL,
  	\`to_stage\` text NOT NULL,
  	\`revision\` numeric NOT NULL,
  	\`version\` text,
  	\`comment\` text,
  	\`actor_id\` integer,
  	\`assigned_reviewer_id\` integer,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`actor_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`assigned_reviewer_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`review_events_document_collection_idx\` ON \`review_events\` (\`document_collection\`);`)
  await db.run(sql`CREATE INDEX \`review_events_document_id_idx\` ON \`review_events\` (\`document_id\`);`)
  await db.run(sql`CREATE INDEX \`review_events_action_idx\` ON \`review_events\` (\`action\`);`)
  await db.run(sql`CREATE INDEX \`review_events_actor_idx\` ON \`review_events\` (\`actor_id\`);`)
  await db.run(sql`CREATE INDEX \`review_events_assigned_reviewer_idx\` ON \`review_events\` (\`assigned_reviewer_id\`);`)
  await db.run(sql`CREATE INDEX \`review_events_updated_at_idx\` ON \`review_events\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`review_events_created_at_idx\` ON \`review_events\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`payload_jobs_stats\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`stats\` text,
  	\`updated_at\` text,
  	\`created_at\` text
  );
  `)
  await db.run(sql`ALTER TABLE \`conditions\` ADD \`review_stage\` text DEFAULT 'draft';`)
  await db.run(sql`ALTER TABLE \`conditions\` ADD \`assigned_reviewer_id\` integer REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`conditions\` ADD \`revision\` numeric DEFAULT 1;`)
  await db.run(sql`ALTER TABLE \`conditions\` ADD \`approval_approved_by_id\` integer REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`conditions\` ADD \`approval_approved_at\` text;`)
  await db.run(sql`ALTER TABLE \`conditions\` ADD \`approval_revision\` numeric;`)
  await db.run(sql`ALTER TABLE \`conditions\` ADD \`reviewed_by_name\` text;`)
  await db.run(sql`ALTER TABLE \`conditions\` ADD \`reviewed_by_credentials\` text;`)
  await db.run(sql`ALTER TABLE \`conditions\` ADD \`last_reviewed_at\` text;`)
  await db.run(sql`ALTER TABLE \`conditions\` ADD \`next_review_due\` text;`)
  await db.run(sql`ALTER TABLE \`conditions\` ADD \`review_interval_months\` numeric DEFAULT 12;`)
  await db.run(sql`CREATE INDEX \`conditions_review_stage_idx\` ON \`conditions\` (\`review_stage\`);`)
  await db.run(sql`CREATE INDEX \`conditions_assigned_reviewer_idx\` ON \`conditions\` (\`assigned_reviewer_id\`);`)
  await db.run(sql`CREATE INDEX \`conditions_approval_approval_approved_by_idx\` ON \`conditions\` (\`approval_approved_by_id\`);`)
  await db.run(sql`CREATE INDEX \`conditions_next_review_due_idx\` ON \`conditions\` (\`next_review_due\`);`)
  await db.run(sql`ALTER TABLE \`conditions_rels\` ADD \`users_id\` integer REFERENCES users(id);`)
  await db.run(sql`CREATE INDEX \`conditions_rels_users_id_idx\` ON \`conditions_rels\` (\`users_id\`);`)
  await db.run(sql`ALTER TABLE \`_conditions_v\` ADD \`version_review_stage\` text DEFAULT 'draft';`)
  await db.run(sql`ALTER TABLE \`_conditions_v\` ADD \`version_assigned_reviewer_id\` integer REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`_conditions_v\` ADD \`version_revision\` numeric DEFAULT 1;`)
  await db.run(sql`ALTER TABLE \`_conditions_v\` ADD \`version_approval_approved_by_id\` integer REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`_conditions_v\` ADD \`version_approval_approved_at\` text;`)
  await db.run(sql`ALTER TABLE \`_conditions_v\` ADD \`version_approval_revision\` numeric;`)
  await db.run(sql`ALTER TABLE \`_conditions_v\` ADD \`version_reviewed_by_name\` text;`)
  await db.run(sql`ALTER TABLE \`_conditions_v\` ADD \`version_reviewed_by_credentials\` text;`)
  await db.run(sql`ALTER TABLE \`_conditions_v\` ADD \`version_last_reviewed_at\` text;`)
  await db.run(sql`ALTER TABLE \`_conditions_v\` ADD \`version_next_review_due\` text;`)
  await db.run(sql`ALTER TABLE \`_conditions_v\` ADD \`version_review_interval_months\` numeric DEFAULT 12;`)
  await db.run(sql`CREATE INDEX \`_conditions_v_version_version_review_stage_idx\` ON \`_conditions_v\` (\`version_review_stage\`);`)
  await db.run(sql`CREATE INDEX \`_conditions_v_version_version_assigned_reviewer_idx\` ON \`_conditions_v\` (\`version_assigned_reviewer_id\`);`)
  await db.run(sql`CREATE INDEX \`_conditions_v_version_approval_version_approval_approved_idx\` ON \`_conditions_v\` (\`version_approval_approved_by_id\`);`)
  await db.run(sql`CREATE INDEX \`_conditions_v_version_version_next_review_due_idx\` ON \`_conditions_v\` (\`version_next_review_due\`);`)
  await db.run(sql`ALTER TABLE \`_conditions_v_rels\` ADD \`users_id\` integer REFERENCES users(id);`)
  await db.run(sql`CREATE INDEX \`_conditions_v_rels_users_id_idx\` ON \`_conditions_v_rels\` (\`users_id\`);`)
  await db.run(sql`ALTER TABLE \`symptoms\` ADD \`review_stage\` text DEFAULT 'draft';`)
  await db.run(sql`ALTER TABLE \`symptoms\` ADD \`assigned_reviewer_id\` integer REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`symptoms\` ADD \`revision\` numeric DEFAULT 1;`)
  await db.run(sql`ALTER TABLE \`symptoms\` ADD \`approval_approved_by_id\` integer REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`symptoms\` ADD \`approval_approved_at\` text;`)
  await db.run(sql`ALTER TABLE \`symptoms\` ADD \`approval_revision\` numeric;`)
  await db.run(sql`ALTER TABLE \`symptoms\` ADD \`reviewed_by_name\` text;`)
  await db.run(sql`ALTER TABLE \`symptoms\` ADD \`reviewed_by_credentials\` text;`)
  await db.run(sql`ALTER TABLE \`symptoms\` ADD \`last_reviewed_at\` text;`)
  await db.run(sql`ALTER TABLE \`symptoms\` ADD \`next_review_due\` text;`)
  await db.run(sql`ALTER TABLE \`symptoms\` ADD \`review_interval_months\` numeric DEFAULT 12;`)
  await db.run(sql`CREATE INDEX \`symptoms_review_stage_idx\` ON \`symptoms\` (\`review_stage\`);`)
  await db.run(sql`CREATE INDEX \`symptoms_assigned_reviewer_idx\` ON \`symptoms\` (\`assigned_reviewer_id\`);`)
  await db.run(sql`CREATE INDEX \`symptoms_approval_approval_approved_by_idx\` ON \`symptoms\` (\`approval_approved_by_id\`);`)
  await db.run(sql`CREATE INDEX \`symptoms_next_review_due_idx\` ON \`symptoms\` (\`next_review_due\`);`)
  await db.run(sql`ALTER TABLE \`_symptoms_v\` ADD \`version_review_stage\` text DEFAULT 'draft';`)
  await db.run(sql`ALTER TABLE \`_symptoms_v\` ADD \`version_assigned_reviewer_id\` integer REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`_symptoms_v\` ADD \`version_revision\` numeric DEFAULT 1;`)
  await db.run(sql`ALTER TABLE \`_symptoms_v\` ADD \`version_approval_approved_by_id\` integer REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`_symptoms_v\` ADD \`version_approval_approved_at\` text;`)
  await db.run(sql`ALTER TABLE \`_symptoms_v\` ADD \`version_approval_revision\` numeric;`)
  await db.run(sql`ALTER TABLE \`_symptoms_v\` ADD \`version_reviewed_by_name\` text;`)
  await db.run(sql`ALTER TABLE \`_symptoms_v\` ADD \`version_reviewed_by_credentials\` text;`)
  await db.run(sql`ALTER TABLE \`_symptoms_v\` ADD \`version_last_reviewed_at\` text;`)
  await db.run(sql`ALTER TABLE \`_symptoms_v\` ADD \`version_next_review_due\` text;`)
  await db.run(sql`ALTER TABLE \`_symptoms_v\` ADD \`version_review_interval_months\` numeric DEFAULT 12;`)
  await db.run(sql`CREATE INDEX \`_symptoms_v_version_version_review_stage_idx\` ON \`_symptoms_v\` (\`version_review_stage\`);`)
  await db.run(sql`CREATE INDEX \`_symptoms_v_version_version_assigned_reviewer_idx\` ON \`_symptoms_v\` (\`version_assigned_reviewer_id\`);`)
  await db.run(sql`CREATE INDEX \`_symptoms_v_version_approval_version_approval_approved_b_idx\` ON \`_symptoms_v\` (\`version_approval_approved_by_id\`);`)
  await db.run(sql`CREATE INDEX \`_symptoms_v_version_version_next_review_due_idx\` ON \`_symptoms_v\` (\`version_next_review_due\`);`)
  await db.run(sql`ALTER TABLE \`treatments\` ADD \`review_stage\` text DEFAULT 'draft';`)
  await db.run(sql`ALTER TABLE \`treatments\` ADD \`assigned_reviewer_id\` integer REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`treatments\` ADD \`revision\` numeric DEFAULT 1;`)
  await db.run(sql`ALTER TABLE \`treatments\` ADD \`approval_approved_by_id\` integer REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`treatments\` ADD \`approval_approved_at\` text;`)
  await db.run(sql`ALTER TABLE \`treatments\` ADD \`approval_revision\` numeric;`)
  await db.run(sql`ALTER TABLE \`treatments\` ADD \`reviewed_by_name\` text;`)
  await db.run(sql`ALTER TABLE \`treatments\` ADD \`reviewed_by_credentials\` text;`)
  await db.run(sql`ALTER TABLE \`treatments\` ADD \`last_reviewed_at\` text;`)
  await db.run(sql`ALTER TABLE \`treatments\` ADD \`next_review_due\` text;`)
  await db.run(sql`ALTER TABLE \`treatments\` ADD \`review_interval_months\` numeric DEFAULT 12;`)
  await db.run(sql`CREATE INDEX \`treatments_review_stage_idx\` ON \`treatments\` (\`review_stage\`);`)
  await db.run(sql`CREATE INDEX \`treatments_assigned_reviewer_idx\` ON \`treatments\` (\`assigned_reviewer_id\`);`)
  await db.run(sql`CREATE INDEX \`treatments_approval_approval_approved_by_idx\` ON \`treatments\` (\`approval_approved_by_id\`);`)
  await db.run(sql`CREATE INDEX \`treatments_next_review_due_idx\` ON \`treatments\` (\`next_review_due\`);`)
  await db.run(sql`ALTER TABLE \`_treatments_v\` ADD \`version_review_stage\` text DEFAULT 'draft';`)
  await db.run(sql`ALTER TABLE \`_treatments_v\` ADD \`version_assigned_reviewer_id\` integer REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`_treatments_v\` ADD \`version_revision\` numeric DEFAULT 1;`)
  await db.run(sql`ALTER TABLE \`_treatments_v\` ADD \`version_approval_approved_by_id\` integer REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`_treatments_v\` ADD \`version_approval_approved_at\` text;`)
  await db.run(sql`ALTER TABLE \`_treatments_v\` ADD \`version_approval_revision\` numeric;`)
  await db.run(sql`ALTER TABLE \`_treatments_v\` ADD \`version_reviewed_by_name\` text;`)
  await db.run(sql`ALTER TABLE \`_treatments_v\` ADD \`version_reviewed_by_credentials\` text;`)
  await db.run(sql`ALTER TABLE \`_treatments_v\` ADD \`version_last_reviewed_at\` text;`)
  await db.run(sql`ALTER TABLE \`_treatments_v\` ADD \`version_next_review_due\` text;`)
  await db.run(sql`ALTER TABLE \`_treatments_v\` ADD \`version_review_interval_months\` numeric DEFAULT 12;`)
  await db.run(sql`CREATE INDEX \`_treatments_v_version_version_review_stage_idx\` ON \`_treatments_v\` (\`version_review_stage\`);`)
  await db.run(sql`CREATE INDEX \`_treatments_v_version_version_assigned_reviewer_idx\` ON \`_treatments_v\` (\`version_assigned_reviewer_id\`);`)
  await db.run(sql`CREATE INDEX \`_treatments_v_version_approval_version_approval_approved_idx\` ON \`_treatments_v\` (\`version_approval_approved_by_id\`);`)
  await db.run(sql`CREATE INDEX \`_treatments_v_version_version_next_review_due_idx\` ON \`_treatments_v\` (\`version_next_review_due\`);`)
  await db.run(sql`ALTER TABLE \`diagnostic_tests\` ADD \`review_stage\` text DEFAULT 'draft';`)
  await db.run(sql`ALTER TABLE \`diagnostic_tests\` ADD \`assigned_reviewer_id\` integer REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`diagnostic_tests\` ADD \`revision\` numeric DEFAULT 1;`)
  await db.run(sql`ALTER TABLE \`diagnostic_tests\` ADD \`approval_approved_by_id\` integer REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`diagnostic_tests\` ADD \`approval_approved_at\` text;`)
  await db.run(sql`ALTER TABLE \`diagnostic_tests\` ADD \`approval_revision\` numeric;`)
  await db.run(sql`ALTER TABLE \`diagnostic_tests\` ADD \`reviewed_by_name\` text;`)
  await db.run(sql`ALTER TABLE \`diagnostic_tests\` ADD \`reviewed_by_credentials\` text;`)
  await db.run(sql`ALTER TABLE \`diagnostic_tests\` ADD \`last_reviewed_at\` text;`)
  await db.run(sql`ALTER TABLE \`diagnostic_tests\` ADD \`next_review_due\` text;`)
  await db.run(sql`ALTER TABLE \`diagnostic_tests\` ADD \`review_interval_months\` numeric DEFAULT 12;`)
  await db.run(sql`CREATE INDEX \`diagnostic_tests_review_stage_idx\` ON \`diagnostic_tests\` (\`review_stage\`);`)
  await db.run(sql`CREATE INDEX \`diagnostic_tests_assigned_reviewer_idx\` ON \`diagnostic_tests\` (\`assigned_reviewer_id\`);`)
  await db.run(sql`CREATE INDEX \`diagnostic_tests_approval_approval_approved_by_idx\` ON \`diagnostic_tests\` (\`approval_approved_by_id\`);`)
  await db.run(sql`CREATE INDEX \`diagnostic_tests_next_review_due_idx\` ON \`diagnostic_tests\` (\`next_review_due\`);`)
  await db.run(sql`ALTER TABLE \`_diagnostic_tests_v\` ADD \`version_review_stage\` text DEFAULT 'draft';`)
  await db.run(sql`ALTER TABLE \`_diagnostic_tests_v\` ADD \`version_assigned_reviewer_id\` integer REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`_diagnostic_tests_v\` ADD \`version_revision\` numeric DEFAULT 1;`)
  await db.run(sql`ALTER TABLE \`_diagnostic_tests_v\` ADD \`version_approval_approved_by_id\` integer REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`_diagnostic_tests_v\` ADD \`version_approval_approved_at\` text;`)
  await db.run(sql`ALTER TABLE \`_diagnostic_tests_v\` ADD \`version_approval_revision\` numeric;`)
  await db.run(sql`ALTER TABLE \`_diagnostic_tests_v\` ADD \`version_reviewed_by_name\` text;`)
  await db.run(sql`ALTER TABLE \`_diagnostic_tests_v\` ADD \`version_reviewed_by_credentials\` text;`)
  await db.run(sql`ALTER TABLE \`_diagnostic_tests_v\` ADD \`version_last_reviewed_at\` text;`)
  await db.run(sql`ALTER TABLE \`_diagnostic_tests_v\` ADD \`version_next_review_due\` text;`)
  await db.run(sql`ALTER TABLE \`_diagnostic_tests_v\` ADD \`version_review_interval_months\` numeric DEFAULT 12;`)
  await db.run(sql`CREATE INDEX \`_diagnostic_tests_v_version_version_review_stage_idx\` ON \`_diagnostic_tests_v\` (\`version_review_stage\`);`)
  await db.run(sql`CREATE INDEX \`_diagnostic_tests_v_version_version_assigned_reviewer_idx\` ON \`_diagnostic_tests_v\` (\`version_assigned_reviewer_id\`);`)
  await db.run(sql`CREATE INDEX \`_diagnostic_tests_v_version_approval_version_approval_ap_idx\` ON \`_diagnostic_tests_v\` (\`version_approval_approved_by_id\`);`)
  await db.run(sql`CREATE INDEX \`_diagnostic_tests_v_version_version_next_review_due_idx\` ON \`_diagnostic_tests_v\` (\`version_next_review_due\`);`)
  await db.run(sql`ALTER TABLE \`locations\` ADD \`review_stage\` text DEFAULT 'draft';`)
  await db.run(sql`ALTER TABLE \`locations\` ADD \`assigned_reviewer_id\` integer REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`locations\` ADD \`revision\` numeric DEFAULT 1;`)
  await db.run(sql`ALTER TABLE \`locations\` ADD \`approval_approved_by_id\` integer REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`locations\` ADD \`approval_approved_at\` text;`)
  await db.run(sql`ALTER TABLE \`locations\` ADD \`approval_revision\` numeric;`)
  await db.run(sql`ALTER TABLE \`locations\` ADD \`reviewed_by_name\` text;`)
  await db.run(sql`ALTER TABLE \`locations\` ADD \`reviewed_by_credentials\` text;`)
  await db.run(sql`ALTER TABLE \`locations\` ADD \`last_reviewed_at\` text;`)
  await db.run(sql`ALTER TABLE \`locations\` ADD \`next_review_due\` text;`)
  await db.run(sql`ALTER TABLE \`locations\` ADD \`review_interval_months\` numeric DEFAULT 12;`)
  await db.run(sql`CREATE INDEX \`locations_review_stage_idx\` ON \`locations\` (\`review_stage\`);`)
  await db.run(sql`CREATE INDEX \`locations_assigned_reviewer_idx\` ON \`locations\` (\`assigned_reviewer_id\`);`)
  await db.run(sql`CREATE INDEX \`locations_approval_approval_approved_by_idx\` ON \`locations\` (\`approval_approved_by_id\`);`)
  await db.run(sql`CREATE INDEX \`locations_next_review_due_idx\` ON \`locations\` (\`next_review_due\`);`)
  await db.run(sql`ALTER TABLE \`locations_rels\` ADD \`users_id\` integer REFERENCES users(id);`)
  await db.run(sql`CREATE INDEX \`locations_rels_users_id_idx\` ON \`locations_rels\` (\`users_id\`);`)
  await db.run(sql`ALTER TABLE \`_locations_v\` ADD \`version_review_stage\` text DEFAULT 'draft';`)
  await db.run(sql`ALTER TABLE \`_locations_v\` ADD \`version_assigned_reviewer_id\` integer REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`_locations_v\` ADD \`version_revision\` numeric DEFAULT 1;`)
  await db.run(sql`ALTER TABLE \`_locations_v\` ADD \`version_approval_approved_by_id\` integer REFERENCES users(id);`)
  await db.run(sql`ALTER TABLE \`_locations_v\` ADD \`version_approval_approved_at\` text;`)
  await db.run(sql`ALTER TABLE \`_locations_v\` ADD \`version_approval_revision\` numeric;`)
  await db.run(sql`ALTER TABLE \`_locations_v\` ADD \`version_reviewed_by_name\` text;`)
  await db.run(sql`ALTER TABLE \`_locations_v\` ADD \`version_reviewed_by_credentials\` text;`)
  await db.run(sql`ALTER TABLE \`_locations_v\` ADD \`version_last_reviewed_at\` text;`)
  await db.run(sql`ALTER TABLE \`_locations_v\` ADD \`version_next_review_due\` text;`)
  await db.run(sql`ALTER TABLE \`_locations_v\` ADD \`version_review_interval_months\` numeric DEFAULT 12;`)
  await db.run(sql`CREATE INDEX \`_locations_v_version_version_review_stage_idx\` ON \`_locations_v\` (\`version_review_stage\`);`)
  await db.run(sql`CREATE INDEX \`_locations_v_version_version_assigned_reviewer_idx\` ON \`_locations_v\` (\`version_assigned_reviewer_id\`);`)
  await db.run(sql`CREATE INDEX \`_locations_v_version_approval_version_approval_approved__idx\` ON \`_locations_v\` (\`version_approval_approved_by_id\`);`)
  await db.run(sql`CREATE INDEX \`_locations_v_version_version_next_review_due_idx\` ON \`_locations_v\` (\`version_next_review_due\`);`)
  await db.run(sql`ALTER TABLE \`_locations_v_rels\` ADD \`users_id\` integer REFERENCES users(id);`)
  await db.run(sql`CREATE INDEX \`_locations_v_rels_users_id_idx\` ON \`_locations_v_rels\` (\`users_id\`);`)
  await db.run(sql`ALTER TABLE \`payload_jobs\` ADD \`meta\` text;`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`review_events_id\` integer REFERENCES review_events(id);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_review_events_id_idx\` ON \`payload_locked_documents_rels\` (\`review_events_id\`);`)
  // Content published before medical review existed is live: its stage says so.
  await db.run(sql`UPDATE \`conditions\` SET \`review_stage\` = 'published' WHERE \`_status\` = 'published';`)
  await db.run(sql`UPDATE \`_conditions_v\` SET \`version_review_stage\` = 'published' WHERE \`version__status\` = 'published';`)
  await db.run(sql`UPDATE \`symptoms\` SET \`review_stage\` = 'published' WHERE \`_status\` = 'published';`)
  await db.run(sql`UPDATE \`_symptoms_v\` SET \`version_review_stage\` = 'published' WHERE \`version__status\` = 'published';`)
  await db.run(sql`UPDATE \`treatments\` SET \`review_stage\` = 'published' WHERE \`_status\` = 'published';`)
  await db.run(sql`UPDATE \`_treatments_v\` SET \`version_review_stage\` = 'published' WHERE \`version__status\` = 'published';`)
  await db.run(sql`UPDATE \`diagnostic_tests\` SET \`review_stage\` = 'published' WHERE \`_status\` = 'published';`)
  await db.run(sql`UPDATE \`_diagnostic_tests_v\` SET \`version_review_stage\` = 'published' WHERE \`version__status\` = 'published';`)
  await db.run(sql`UPDATE \`locations\` SET \`review_stage\` = 'published' WHERE \`_status\` = 'published';`)
  await db.run(sql`UPDATE \`_locations_v\` SET \`version_review_stage\` = 'published' WHERE \`version__status\` = 'published';`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`symptoms_rels\`;`)
  await db.run(sql`DROP TABLE \`_symptoms_v_rels\`;`)
  await db.run(sql`DROP TABLE \`treatments_rels\`;`)
  await db.run(sql`DROP TABLE \`_treatments_v_rels\`;`)
  await db.run(sql`DROP TABLE \`diagnostic_tests_rels\`;`)
  await db.run(sql`DROP TABLE \`_diagnostic_tests_v_rels\`;`)
  await db.run(sql`DROP TABLE \`review_events\`;`)
  await db.run(sql`DROP TABLE \`payload_jobs_stats\`;`)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_conditions\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`slug\` text,
  	\`parent_id\` integer,
  	\`provenance_source_name\` text,
  	\`provenance_checksum\` text,
  	\`provenance_section\` text,
  	\`provenance_imported_at\` text,
  	\`provenance_content_hash\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`_status\` text DEFAULT 'draft',
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`conditions\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new_conditions\`("id", "slug", "parent_id", "provenance_source_name", "provenance_checksum", "provenance_section", "provenance_imported_at", "provenance_content_hash", "updated_at", "created_at", "_status") SELECT "id", "slug", "parent_id", "provenance_source_name", "provenance_checksum", "provenance_section", "provenance_imported_at", "provenance_content_hash", "updated_at", "created_at", "_status" FROM \`conditions\`;`)
  await db.run(sql`DROP TABLE \`conditions\`;`)
  await db.run(sql`ALTER TABLE \`__new_conditions\` RENAME TO \`conditions\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE UNIQUE INDEX \`conditions_slug_idx\` ON \`conditions\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`conditions_parent_idx\` ON \`conditions\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`conditions_updated_at_idx\` ON \`conditions\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`conditions_created_at_idx\` ON \`conditions\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`conditions__status_idx\` ON \`conditions\` (\`_status\`);`)
  await db.run(sql`CREATE TABLE \`__new_conditions_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`diagnostic_tests_id\` integer,
  	\`treatments_id\` integer,
  	\`specialties_id\` integer,
  	\`references_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`conditions\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`diagnostic_tests_id\`) REFERENCES \`diagnostic_tests\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`treatments_id\`) REFERENCES \`treatments\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`specialties_id\`) REFERENCES \`specialties\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`references_id\`) REFERENCES \`references\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`INSERT INTO \`__new_conditions_rels\`("id", "order", "parent_id", "path", "diagnostic_tests_id", "treatments_id", "specialties_id", "references_id") SELECT "id", "order", "parent_id", "path", "diagnostic_tests_id", "treatments_id", "specialties_id", "references_id" FROM \`conditions_rels\`;`)
  await db.run(sql`DROP TABLE \`conditions_rels\`;`)
  await db.run(sql`ALTER TABLE \`__new_conditions_rels\` RENAME TO \`conditions_rels\`;`)
  await db.run(sql`CREATE INDEX \`conditions_rels_order_idx\` ON \`conditions_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`conditions_rels_parent_idx\` ON \`conditions_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`conditions_rels_path_idx\` ON \`conditions_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`conditions_rels_diagnostic_tests_id_idx\` ON \`conditions_rels\` (\`diagnostic_tests_id\`);`)
  await db.run(sql`CREATE INDEX \`conditions_rels_treatments_id_idx\` ON \`conditions_rels\` (\`treatments_id\`);`)
  await db.run(sql`CREATE INDEX \`conditions_rels_specialties_id_idx\` ON \`conditions_rels\` (\`specialties_id\`);`)
  await db.run(sql`CREATE INDEX \`conditions_rels_references_id_idx\` ON \`conditions_rels\` (\`references_id\`);`)
  await db.run(sql`CREATE TABLE \`__new__conditions_v\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`parent_id\` integer,
  	\`version_slug\` text,
  	\`version_parent_id\` integer,
  	\`version_provenance_source_name\` text,
  	\`version_provenance_checksum\` text,
  	\`version_provenance_section\` text,
  	\`version_provenance_imported_at\` text,
  	\`version_provenance_content_hash\` text,
  	\`version_updated_at\` text,
  	\`version_created_at\` text,
  	\`version__status\` text DEFAULT 'draft',
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`snapshot\` integer,
  	\`published_locale\` text,
  	\`latest\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`conditions\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_parent_id\`) REFERENCES \`conditions\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new__conditions_v\`("id", "parent_id", "version_slug", "version_parent_id", "version_provenance_source_name", "version_provenance_checksum", "version_provenance_section", "version_provenance_imported_at", "version_provenance_content_hash", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "snapshot", "published_locale", "latest") SELECT "id", "parent_id", "version_slug", "version_parent_id", "version_provenance_source_name", "version_provenance_checksum", "version_provenance_section", "version_provenance_imported_at", "version_provenance_content_hash", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "snapshot", "published_locale", "latest" FROM \`_conditions_v\`;`)
  await db.run(sql`DROP TABLE \`_conditions_v\`;`)
  await db.run(sql`ALTER TABLE \`__new__conditions_v\` RENAME TO \`_conditions_v\`;`)
  await db.run(sql`CREATE INDEX \`_conditions_v_parent_idx\` ON \`_conditions_v\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_conditions_v_version_version_slug_idx\` ON \`_conditions_v\` (\`version_slug\`);`)
  await db.run(sql`CREATE INDEX \`_conditions_v_version_version_parent_idx\` ON \`_conditions_v\` (\`version_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_conditions_v_version_version_updated_at_idx\` ON \`_conditions_v\` (\`version_updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_conditions_v_version_version_created_at_idx\` ON \`_conditions_v\` (\`version_created_at\`);`)
  await db.run(sql`CREATE INDEX \`_conditions_v_version_version__status_idx\` ON \`_conditions_v\` (\`version__status\`);`)
  await db.run(sql`CREATE INDEX \`_conditions_v_created_at_idx\` ON \`_conditions_v\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_conditions_v_updated_at_idx\` ON \`_conditions_v\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_conditions_v_snapshot_idx\` ON \`_conditions_v\` (\`snapshot\`);`)
  await db.run(sql`CREATE INDEX \`_conditions_v_published_locale_idx\` ON \`_conditions_v\` (\`published_locale\`);`)
  await db.run(sql`CREATE INDEX \`_conditions_v_latest_idx\` ON \`_conditions_v\` (\`latest\`);`)
  await db.run(sql`CREATE TABLE \`__new__conditions_v_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`diagnostic_tests_id\` integer,
  	\`treatments_id\` integer,
  	\`specialties_id\` integer,
  	\`references_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`_conditions_v\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`diagnostic_tests_id\`) REFERENCES \`diagnostic_tests\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`treatments_id\`) REFERENCES \`treatments\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`specialties_id\`) REFERENCES \`specialties\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`references_id\`) REFERENCES \`references\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`INSERT INTO \`__new__conditions_v_rels\`("id", "order", "parent_id", "path", "diagnostic_tests_id", "treatments_id", "specialties_id", "references_id") SELECT "id", "order", "parent_id", "path", "diagnostic_tests_id", "treatments_id", "specialties_id", "references_id" FROM \`_conditions_v_rels\`;`)
  await db.run(sql`DROP TABLE \`_conditions_v_rels\`;`)
  await db.run(sql`ALTER TABLE \`__new__conditions_v_rels\` RENAME TO \`_conditions_v_rels\`;`)
  await db.run(sql`CREATE INDEX \`_conditions_v_rels_order_idx\` ON \`_conditions_v_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`_conditions_v_rels_parent_idx\` ON \`_conditions_v_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_conditions_v_rels_path_idx\` ON \`_conditions_v_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`_conditions_v_rels_diagnostic_tests_id_idx\` ON \`_conditions_v_rels\` (\`diagnostic_tests_id\`);`)
  await db.run(sql`CREATE INDEX \`_conditions_v_rels_treatments_id_idx\` ON \`_conditions_v_rels\` (\`treatments_id\`);`)
  await db.run(sql`CREATE INDEX \`_conditions_v_rels_specialties_id_idx\` ON \`_conditions_v_rels\` (\`specialties_id\`);`)
  await db.run(sql`CREATE INDEX \`_conditions_v_rels_references_id_idx\` ON \`_conditions_v_rels\` (\`references_id\`);`)
  await db.run(sql`CREATE TABLE \`__new_symptoms\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`slug\` text,
  	\`category\` text DEFAULT 'general',
  	\`provenance_source_name\` text,
  	\`provenance_checksum\` text,
  	\`provenance_section\` text,
  	\`provenance_imported_at\` text,
  	\`provenance_content_hash\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`_status\` text DEFAULT 'draft'
  );
  `)
  await db.run(sql`INSERT INTO \`__new_symptoms\`("id", "slug", "category", "provenance_source_name", "provenance_checksum", "provenance_section", "provenance_imported_at", "provenance_content_hash", "updated_at", "created_at", "_status") SELECT "id", "slug", "category", "provenance_source_name", "provenance_checksum", "provenance_section", "provenance_imported_at", "provenance_content_hash", "updated_at", "created_at", "_status" FROM \`symptoms\`;`)
  await db.run(sql`DROP TABLE \`symptoms\`;`)
  await db.run(sql`ALTER TABLE \`__new_symptoms\` RENAME TO \`symptoms\`;`)
  await db.run(sql`CREATE UNIQUE INDEX \`symptoms_slug_idx\` ON \`symptoms\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`symptoms_category_idx\` ON \`symptoms\` (\`category\`);`)
  await db.run(sql`CREATE INDEX \`symptoms_updated_at_idx\` ON \`symptoms\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`symptoms_created_at_idx\` ON \`symptoms\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`symptoms__status_idx\` ON \`symptoms\` (\`_status\`);`)
  await db.run(sql`CREATE TABLE \`__new__symptoms_v\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`parent_id\` integer,
  	\`version_slug\` text,
  	\`version_category\` text DEFAULT 'general',
  	\`version_provenance_source_name\` text,
  	\`version_provenance_checksum\` text,
  	\`version_provenance_section\` text,
  	\`version_provenance_imported_at\` text,
  	\`version_provenance_content_hash\` text,
  	\`version_updated_at\` text,
  	\`version_created_at\` text,
  	\`version__status\` text DEFAULT 'draft',
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`snapshot\` integer,
  	\`published_locale\` text,
  	\`latest\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`symptoms\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new__symptoms_v\`("id", "parent_id", "version_slug", "version_category", "version_provenance_source_name", "version_provenance_checksum", "version_provenance_section", "version_provenance_imported_at", "version_provenance_content_hash", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "snapshot", "published_locale", "latest") SELECT "id", "parent_id", "version_slug", "version_category", "version_provenance_source_name", "version_provenance_checksum", "version_provenance_section", "version_provenance_imported_at", "version_provenance_content_hash", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "snapshot", "published_locale", "latest" FROM \`_symptoms_v\`;`)
  await db.run(sql`DROP TABLE \`_symptoms_v\`;`)
  await db.run(sql`ALTER TABLE \`__new__symptoms_v\` RENAME TO \`_symptoms_v\`;`)
  await db.run(sql`CREATE INDEX \`_symptoms_v_parent_idx\` ON \`_symptoms_v\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_symptoms_v_version_version_slug_idx\` ON \`_symptoms_v\` (\`version_slug\`);`)
  await db.run(sql`CREATE INDEX \`_symptoms_v_version_version_category_idx\` ON \`_symptoms_v\` (\`version_category\`);`)
  await db.run(sql`CREATE INDEX \`_symptoms_v_version_version_updated_at_idx\` ON \`_symptoms_v\` (\`version_updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_symptoms_v_version_version_created_at_idx\` ON \`_symptoms_v\` (\`version_created_at\`);`)
  await db.run(sql`CREATE INDEX \`_symptoms_v_version_version__status_idx\` ON \`_symptoms_v\` (\`version__status\`);`)
  await db.run(sql`CREATE INDEX \`_symptoms_v_created_at_idx\` ON \`_symptoms_v\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_symptoms_v_updated_at_idx\` ON \`_symptoms_v\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_symptoms_v_snapshot_idx\` ON \`_symptoms_v\` (\`snapshot\`);`)
  await db.run(sql`CREATE INDEX \`_symptoms_v_published_locale_idx\` ON \`_symptoms_v\` (\`published_locale\`);`)
  await db.run(sql`CREATE INDEX \`_symptoms_v_latest_idx\` ON \`_symptoms_v\` (\`latest\`);`)
  await db.run(sql`CREATE TABLE \`__new_treatments\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`slug\` text,
  	\`kind\` text,
  	\`invasiveness\` text DEFAULT 'nonsurgical',
  	\`provenance_source_name\` text,
  	\`provenance_checksum\` text,
  	\`provenance_section\` text,
  	\`provenance_imported_at\` text,
  	\`provenance_content_hash\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`_status\` text DEFAULT 'draft'
  );
  `)
  await db.run(sql`INSERT INTO \`__new_treatments\`("id", "slug", "kind", "invasiveness", "provenance_source_name", "provenance_checksum", "provenance_section", "provenance_imported_at", "provenance_content_hash", "updated_at", "created_at", "_status") SELECT "id", "slug", "kind", "invasiveness", "provenance_source_name", "provenance_checksum", "provenance_section", "provenance_imported_at", "provenance_content_hash", "updated_at", "created_at", "_status" FROM \`treatments\`;`)
  await db.run(sql`DROP TABLE \`treatments\`;`)
  await db.run(sql`ALTER TABLE \`__new_treatments\` RENAME TO \`treatments\`;`)
  await db.run(sql`CREATE UNIQUE INDEX \`treatments_slug_idx\` ON \`treatments\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`treatments_kind_idx\` ON \`treatments\` (\`kind\`);`)
  await db.run(sql`CREATE INDEX \`treatments_invasiveness_idx\` ON \`treatments\` (\`invasiveness\`);`)
  await db.run(sql`CREATE INDEX \`treatments_updated_at_idx\` ON \`treatments\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`treatments_created_at_idx\` ON \`treatments\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`treatments__status_idx\` ON \`treatments\` (\`_status\`);`)
  await db.run(sql`CREATE TABLE \`__new__treatments_v\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`parent_id\` integer,
  	\`version_slug\` text,
  	\`version_kind\` text,
  	\`version_invasiveness\` text DEFAULT 'nonsurgical',
  	\`version_provenance_source_name\` text,
  	\`version_provenance_checksum\` text,
  	\`version_provenance_section\` text,
  	\`version_provenance_imported_at\` text,
  	\`version_provenance_content_hash\` text,
  	\`version_updated_at\` text,
  	\`version_created_at\` text,
  	\`version__status\` text DEFAULT 'draft',
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`snapshot\` integer,
  	\`published_locale\` text,
  	\`latest\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`treatments\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new__treatments_v\`("id", "parent_id", "version_slug", "version_kind", "version_invasiveness", "version_provenance_source_name", "version_provenance_checksum", "version_provenance_section", "version_provenance_imported_at", "version_provenance_content_hash", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "snapshot", "published_locale", "latest") SELECT "id", "parent_id", "version_slug", "version_kind", "version_invasiveness", "version_provenance_source_name", "version_provenance_checksum", "version_provenance_section", "version_provenance_imported_at", "version_provenance_content_hash", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "snapshot", "published_locale", "latest" FROM \`_treatments_v\`;`)
  await db.run(sql`DROP TABLE \`_treatments_v\`;`)
  await db.run(sql`ALTER TABLE \`__new__treatments_v\` RENAME TO \`_treatments_v\`;`)
  await db.run(sql`CREATE INDEX \`_treatments_v_parent_idx\` ON \`_treatments_v\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_treatments_v_version_version_slug_idx\` ON \`_treatments_v\` (\`version_slug\`);`)
  await db.run(sql`CREATE INDEX \`_treatments_v_version_version_kind_idx\` ON \`_treatments_v\` (\`version_kind\`);`)
  await db.run(sql`CREATE INDEX \`_treatments_v_version_version_invasiveness_idx\` ON \`_treatments_v\` (\`version_invasiveness\`);`)
  await db.run(sql`CREATE INDEX \`_treatments_v_version_version_updated_at_idx\` ON \`_treatments_v\` (\`version_updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_treatments_v_version_version_created_at_idx\` ON \`_treatments_v\` (\`version_created_at\`);`)
  await db.run(sql`CREATE INDEX \`_treatments_v_version_version__status_idx\` ON \`_treatments_v\` (\`version__status\`);`)
  await db.run(sql`CREATE INDEX \`_treatments_v_created_at_idx\` ON \`_treatments_v\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_treatments_v_updated_at_idx\` ON \`_treatments_v\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_treatments_v_snapshot_idx\` ON \`_treatments_v\` (\`snapshot\`);`)
  await db.run(sql`CREATE INDEX \`_treatments_v_published_locale_idx\` ON \`_treatments_v\` (\`published_locale\`);`)
  await db.run(sql`CREATE INDEX \`_treatments_v_latest_idx\` ON \`_treatments_v\` (\`latest\`);`)
  await db.run(sql`CREATE TABLE \`__new_diagnostic_tests\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`slug\` text,
  	\`kind\` text,
  	\`provenance_source_name\` text,
  	\`provenance_checksum\` text,
  	\`provenance_section\` text,
  	\`provenance_imported_at\` text,
  	\`provenance_content_hash\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`_status\` text DEFAULT 'draft'
  );
  `)
  await db.run(sql`INSERT INTO \`__new_diagnostic_tests\`("id", "slug", "kind", "provenance_source_name", "provenance_checksum", "provenance_section", "provenance_imported_at", "provenance_content_hash", "updated_at", "created_at", "_status") SELECT "id", "slug", "kind", "provenance_source_name", "provenance_checksum", "provenance_section", "provenance_imported_at", "provenance_content_hash", "updated_at", "created_at", "_status" FROM \`diagnostic_tests\`;`)
  await db.run(sql`DROP TABLE \`diagnostic_tests\`;`)
  await db.run(sql`ALTER TABLE \`__new_diagnostic_tests\` RENAME TO \`diagnostic_tests\`;`)
  await db.run(sql`CREATE UNIQUE INDEX \`diagnostic_tests_slug_idx\` ON \`diagnostic_tests\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`diagnostic_tests_kind_idx\` ON \`diagnostic_tests\` (\`kind\`);`)
  await db.run(sql`CREATE INDEX \`diagnostic_tests_updated_at_idx\` ON \`diagnostic_tests\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`diagnostic_tests_created_at_idx\` ON \`diagnostic_tests\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`diagnostic_tests__status_idx\` ON \`diagnostic_tests\` (\`_status\`);`)
  await db.run(sql`CREATE TABLE \`__new__diagnostic_tests_v\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`parent_id\` integer,
  	\`version_slug\` text,
  	\`version_kind\` text,
  	\`version_provenance_source_name\` text,
  	\`version_provenance_checksum\` text,
  	\`version_provenance_section\` text,
  	\`version_provenance_imported_at\` text,
  	\`version_provenance_content_hash\` text,
  	\`version_updated_at\` text,
  	\`version_created_at\` text,
  	\`version__status\` text DEFAULT 'draft',
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`snapshot\` integer,
  	\`published_locale\` text,
  	\`latest\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`diagnostic_tests\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new__diagnostic_tests_v\`("id", "parent_id", "version_slug", "version_kind", "version_provenance_source_name", "version_provenance_checksum", "version_provenance_section", "version_provenance_imported_at", "version_provenance_content_hash", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "snapshot", "published_locale", "latest") SELECT "id", "parent_id", "version_slug", "version_kind", "version_provenance_source_name", "version_provenance_checksum", "version_provenance_section", "version_provenance_imported_at", "version_provenance_content_hash", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "snapshot", "published_locale", "latest" FROM \`_diagnostic_tests_v\`;`)
  await db.run(sql`DROP TABLE \`_diagnostic_tests_v\`;`)
  await db.run(sql`ALTER TABLE \`__new__diagnostic_tests_v\` RENAME TO \`_diagnostic_tests_v\`;`)
  await db.run(sql`CREATE INDEX \`_diagnostic_tests_v_parent_idx\` ON \`_diagnostic_tests_v\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_diagnostic_tests_v_version_version_slug_idx\` ON \`_diagnostic_tests_v\` (\`version_slug\`);`)
  await db.run(sql`CREATE INDEX \`_diagnostic_tests_v_version_version_kind_idx\` ON \`_diagnostic_tests_v\` (\`version_kind\`);`)
  await db.run(sql`CREATE INDEX \`_diagnostic_tests_v_version_version_updated_at_idx\` ON \`_diagnostic_tests_v\` (\`version_updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_diagnostic_tests_v_version_version_created_at_idx\` ON \`_diagnostic_tests_v\` (\`version_created_at\`);`)
  await db.run(sql`CREATE INDEX \`_diagnostic_tests_v_version_version__status_idx\` ON \`_diagnostic_tests_v\` (\`version__status\`);`)
  await db.run(sql`CREATE INDEX \`_diagnostic_tests_v_created_at_idx\` ON \`_diagnostic_tests_v\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_diagnostic_tests_v_updated_at_idx\` ON \`_diagnostic_tests_v\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_diagnostic_tests_v_snapshot_idx\` ON \`_diagnostic_tests_v\` (\`snapshot\`);`)
  await db.run(sql`CREATE INDEX \`_diagnostic_tests_v_published_locale_idx\` ON \`_diagnostic_tests_v\` (\`published_locale\`);`)
  await db.run(sql`CREATE INDEX \`_diagnostic_tests_v_latest_idx\` ON \`_diagnostic_tests_v\` (\`latest\`);`)
  await db.run(sql`CREATE TABLE \`__new_locations\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`slug\` text,
  	\`address_street\` text,
  	\`address_city\` text,
  	\`address_region\` text,
  	\`address_postal_code\` text,
  	\`address_country\` text DEFAULT 'US',
  	\`latitude\` numeric,
  	\`longitude\` numeric,
  	\`phone\` text,
  	\`website\` text,
  	\`accepting_new_patients\` integer DEFAULT true,
  	\`is_sample_data\` integer DEFAULT false,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`_status\` text DEFAULT 'draft'
  );
  `)
  await db.run(sql`INSERT INTO \`__new_locations\`("id", "slug", "address_street", "address_city", "address_region", "address_postal_code", "address_country", "latitude", "longitude", "phone", "website", "accepting_new_patients", "is_sample_data", "updated_at", "created_at", "_status") SELECT "id", "slug", "address_street", "address_city", "address_region", "address_postal_code", "address_country", "latitude", "longitude", "phone", "website", "accepting_new_patients", "is_sample_data", "updated_at", "created_at", "_status" FROM \`locations\`;`)
  await db.run(sql`DROP TABLE \`locations\`;`)
  await db.run(sql`ALTER TABLE \`__new_locations\` RENAME TO \`locations\`;`)
  await db.run(sql`CREATE UNIQUE INDEX \`locations_slug_idx\` ON \`locations\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`locations_address_address_city_idx\` ON \`locations\` (\`address_city\`);`)
  await db.run(sql`CREATE INDEX \`locations_latitude_idx\` ON \`locations\` (\`latitude\`);`)
  await db.run(sql`CREATE INDEX \`locations_longitude_idx\` ON \`locations\` (\`longitude\`);`)
  await db.run(sql`CREATE INDEX \`locations_accepting_new_patients_idx\` ON \`locations\` (\`accepting_new_patients\`);`)
  await db.run(sql`CREATE INDEX \`locations_updated_at_idx\` ON \`locations\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`locations_created_at_idx\` ON \`locations\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`locations__status_idx\` ON \`locations\` (\`_status\`);`)
  await db.run(sql`CREATE TABLE \`__new_locations_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`specialties_id\` integer,
  	\`conditions_id\` integer,
  	\`treatments_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`locations\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`specialties_id\`) REFERENCES \`specialties\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`conditions_id\`) REFERENCES \`conditions\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`treatments_id\`) REFERENCES \`treatments\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`INSERT INTO \`__new_locations_rels\`("id", "order", "parent_id", "path", "specialties_id", "conditions_id", "treatments_id") SELECT "id", "order", "parent_id", "path", "specialties_id", "conditions_id", "treatments_id" FROM \`locations_rels\`;`)
  await db.run(sql`DROP TABLE \`locations_rels\`;`)
  await db.run(sql`ALTER TABLE \`__new_locations_rels\` RENAME TO \`locations_rels\`;`)
  await db.run(sql`CREATE INDEX \`locations_rels_order_idx\` ON \`locations_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`locations_rels_parent_idx\` ON \`locations_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`locations_rels_path_idx\` ON \`locations_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`locations_rels_specialties_id_idx\` ON \`locations_rels\` (\`specialties_id\`);`)
  await db.run(sql`CREATE INDEX \`locations_rels_conditions_id_idx\` ON \`locations_rels\` (\`conditions_id\`);`)
  await db.run(sql`CREATE INDEX \`locations_rels_treatments_id_idx\` ON \`locations_rels\` (\`treatments_id\`);`)
  await db.run(sql`CREATE TABLE \`__new__locations_v\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`parent_id\` integer,
  	\`version_slug\` text,
  	\`version_address_street\` text,
  	\`version_address_city\` text,
  	\`version_address_region\` text,
  	\`version_address_postal_code\` text,
  	\`version_address_country\` text DEFAULT 'US',
  	\`version_latitude\` numeric,
  	\`version_longitude\` numeric,
  	\`version_phone\` text,
  	\`version_website\` text,
  	\`version_accepting_new_patients\` integer DEFAULT true,
  	\`version_is_sample_data\` integer DEFAULT false,
  	\`version_updated_at\` text,
  	\`version_created_at\` text,
  	\`version__status\` text DEFAULT 'draft',
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`snapshot\` integer,
  	\`published_locale\` text,
  	\`latest\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`locations\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new__locations_v\`("id", "parent_id", "version_slug", "version_address_street", "version_address_city", "version_address_region", "version_address_postal_code", "version_address_country", "version_latitude", "version_longitude", "version_phone", "version_website", "version_accepting_new_patients", "version_is_sample_data", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "snapshot", "published_locale", "latest") SELECT "id", "parent_id", "version_slug", "version_address_street", "version_address_city", "version_address_region", "version_address_postal_code", "version_address_country", "version_latitude", "version_longitude", "version_phone", "version_website", "version_accepting_new_patients", "version_is_sample_data", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "snapshot", "published_locale", "latest" FROM \`_locations_v\`;`)
  await db.run(sql`DROP TABLE \`_locations_v\`;`)
  await db.run(sql`ALTER TABLE \`__new__locations_v\` RENAME TO \`_locations_v\`;`)
  await db.run(sql`CREATE INDEX \`_locations_v_parent_idx\` ON \`_locations_v\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_locations_v_version_version_slug_idx\` ON \`_locations_v\` (\`version_slug\`);`)
  await db.run(sql`CREATE INDEX \`_locations_v_version_address_version_address_city_idx\` ON \`_locations_v\` (\`version_address_city\`);`)
  await db.run(sql`CREATE INDEX \`_locations_v_version_version_latitude_idx\` ON \`_locations_v\` (\`version_latitude\`);`)
  await db.run(sql`CREATE INDEX \`_locations_v_version_version_longitude_idx\` ON \`_locations_v\` (\`version_longitude\`);`)
  await db.run(sql`CREATE INDEX \`_locations_v_version_version_accepting_new_patients_idx\` ON \`_locations_v\` (\`version_accepting_new_patients\`);`)
  await db.run(sql`CREATE INDEX \`_locations_v_version_version_updated_at_idx\` ON \`_locations_v\` (\`version_updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_locations_v_version_version_created_at_idx\` ON \`_locations_v\` (\`version_created_at\`);`)
  await db.run(sql`CREATE INDEX \`_locations_v_version_version__status_idx\` ON \`_locations_v\` (\`version__status\`);`)
  await db.run(sql`CREATE INDEX \`_locations_v_created_at_idx\` ON \`_locations_v\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_locations_v_updated_at_idx\` ON \`_locations_v\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_locations_v_snapshot_idx\` ON \`_locations_v\` (\`snapshot\`);`)
  await db.run(sql`CREATE INDEX \`_locations_v_published_locale_idx\` ON \`_locations_v\` (\`published_locale\`);`)
  await db.run(sql`CREATE INDEX \`_locations_v_latest_idx\` ON \`_locations_v\` (\`latest\`);`)
  await db.run(sql`CREATE TABLE \`__new__locations_v_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`specialties_id\` integer,
  	\`conditions_id\` integer,
  	\`treatments_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`_locations_v\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`specialties_id\`) REFERENCES \`specialties\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`conditions_id\`) REFERENCES \`conditions\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`treatments_id\`) REFERENCES \`treatments\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`INSERT INTO \`__new__locations_v_rels\`("id", "order", "parent_id", "path", "specialties_id", "conditions_id", "treatments_id") SELECT "id", "order", "parent_id", "path", "specialties_id", "conditions_id", "treatments_id" FROM \`_locations_v_rels\`;`)
  await db.run(sql`DROP TABLE \`_locations_v_rels\`;`)
  await db.run(sql`ALTER TABLE \`__new__locations_v_rels\` RENAME TO \`_locations_v_rels\`;`)
  await db.run(sql`CREATE INDEX \`_locations_v_rels_order_idx\` ON \`_locations_v_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`_locations_v_rels_parent_idx\` ON \`_locations_v_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_locations_v_rels_path_idx\` ON \`_locations_v_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`_locations_v_rels_specialties_id_idx\` ON \`_locations_v_rels\` (\`specialties_id\`);`)
  await db.run(sql`CREATE INDEX \`_locations_v_rels_conditions_id_idx\` ON \`_locations_v_rels\` (\`conditions_id\`);`)
  await db.run(sql`CREATE INDEX \`_locations_v_rels_treatments_id_idx\` ON \`_locations_v_rels\` (\`treatments_id\`);`)
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
  	\`specialties_id\` integer,
  	\`references_id\` integer,
  	\`media_id\` integer,
  	\`imports_id\` integer,
  	\`users_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_locked_documents\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`conditions_id\`) REFERENCES \`conditions\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`symptoms_id\`) REFERENCES \`symptoms\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`treatments_id\`) REFERENCES \`treatments\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`diagnostic_tests_id\`) REFERENCES \`diagnostic_tests\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`locations_id\`) REFERENCES \`locations\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`specialties_id\`) REFERENCES \`specialties\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`references_id\`) REFERENCES \`references\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`media_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`imports_id\`) REFERENCES \`imports\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "conditions_id", "symptoms_id", "treatments_id", "diagnostic_tests_id", "locations_id", "specialties_id", "references_id", "media_id", "imports_id", "users_id") SELECT "id", "order", "parent_id", "path", "conditions_id", "symptoms_id", "treatments_id", "diagnostic_tests_id", "locations_id", "specialties_id", "references_id", "media_id", "imports_id", "users_id" FROM \`payload_locked_documents_rels\`;`)
  await db.run(sql`DROP TABLE \`payload_locked_documents_rels\`;`)
  await db.run(sql`ALTER TABLE \`__new_payload_locked_documents_rels\` RENAME TO \`payload_locked_documents_rels\`;`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_order_idx\` ON \`payload_locked_documents_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_parent_idx\` ON \`payload_locked_documents_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_path_idx\` ON \`payload_locked_documents_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_conditions_id_idx\` ON \`payload_locked_documents_rels\` (\`conditions_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_symptoms_id_idx\` ON \`payload_locked_documents_rels\` (\`symptoms_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_treatments_id_idx\` ON \`payload_locked_documents_rels\` (\`treatments_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_diagnostic_tests_id_idx\` ON \`payload_locked_documents_rels\` (\`diagnostic_tests_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_locations_id_idx\` ON \`payload_locked_documents_rels\` (\`locations_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_specialties_id_idx\` ON \`payload_locked_documents_rels\` (\`specialties_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_references_id_idx\` ON \`payload_locked_documents_rels\` (\`references_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_media_id_idx\` ON \`payload_locked_documents_rels\` (\`media_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_imports_id_idx\` ON \`payload_locked_documents_rels\` (\`imports_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_users_id_idx\` ON \`payload_locked_documents_rels\` (\`users_id\`);`)
  await db.run(sql`ALTER TABLE \`payload_jobs\` DROP COLUMN \`meta\`;`)
}
