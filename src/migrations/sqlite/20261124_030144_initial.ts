import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`conditions_alternate_names\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`conditions\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`conditions_alternate_names_order_idx\` ON \`conditions_alternate_names\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`conditions_alternate_names_parent_id_idx\` ON \`conditions_alternate_names\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`conditions_alternate_names_locales\` (
  	\`name\` text,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`_parent_id\` text NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`conditions_alternate_names\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`conditions_alternate_names_locales_locale_parent_id_unique\` ON \`conditions_alternate_names_locales\` (\`_locale\`,\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`conditions_causes\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`condition_id\` integer,
  	FOREIGN KEY (\`condition_id\`) REFERENCES \`conditions\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`conditions\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`conditions_causes_order_idx\` ON \`conditions_causes\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`conditions_causes_parent_id_idx\` ON \`conditions_causes\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`conditions_causes_condition_idx\` ON \`conditions_causes\` (\`condition_id\`);`)
  await db.run(sql`CREATE TABLE \`conditions_causes_locales\` (
  	\`name\` text,
  	\`description\` text,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`_parent_id\` text NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`conditions_causes\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`conditions_causes_locales_locale_parent_id_unique\` ON \`conditions_causes_locales\` (\`_locale\`,\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`conditions_risk_factors\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`modifiable\` integer DEFAULT false,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`conditions\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`conditions_risk_factors_order_idx\` ON \`conditions_risk_factors\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`conditions_risk_factors_parent_id_idx\` ON \`conditions_risk_factors\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`conditions_risk_factors_locales\` (
  	\`name\` text,
  	\`description\` text,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`_parent_id\` text NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`conditions_risk_factors\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`conditions_risk_factors_locales_locale_parent_id_unique\` ON \`conditions_risk_factors_locales\` (\`_locale\`,\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`conditions_symptoms\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`symptom_id\` integer,
  	\`group\` text DEFAULT 'other',
  	FOREIGN KEY (\`symptom_id\`) REFERENCES \`symptoms\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`conditions\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`conditions_symptoms_order_idx\` ON \`conditions_symptoms\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`conditions_symptoms_parent_id_idx\` ON \`conditions_symptoms\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`conditions_symptoms_symptom_idx\` ON \`conditions_symptoms\` (\`symptom_id\`);`)
  await db.run(sql`CREATE TABLE \`conditions_codes\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`system\` text,
  	\`code\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`conditions\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`conditions_codes_order_idx\` ON \`conditions_codes\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`conditions_codes_parent_id_idx\` ON \`conditions_codes\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`conditions\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`slug\` text,
  	\`parent_id\` integer,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`_status\` text DEFAULT 'draft',
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`conditions\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`conditions_slug_idx\` ON \`conditions\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`conditions_parent_idx\` ON \`conditions\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`conditions_updated_at_idx\` ON \`conditions\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`conditions_created_at_idx\` ON \`conditions\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`conditions__status_idx\` ON \`conditions\` (\`_status\`);`)
  await db.run(sql`CREATE TABLE \`conditions_locales\` (
  	\`name\` text,
  	\`summary\` text,
  	\`description\` text,
  	\`prognosis\` text,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`conditions\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`conditions_name_idx\` ON \`conditions_locales\` (\`name\`,\`_locale\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`conditions_locales_locale_parent_id_unique\` ON \`conditions_locales\` (\`_locale\`,\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`conditions_rels\` (
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
  await db.run(sql`CREATE INDEX \`conditions_rels_order_idx\` ON \`conditions_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`conditions_rels_parent_idx\` ON \`conditions_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`conditions_rels_path_idx\` ON \`conditions_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`conditions_rels_diagnostic_tests_id_idx\` ON \`conditions_rels\` (\`diagnostic_tests_id\`);`)
  await db.run(sql`CREATE INDEX \`conditions_rels_treatments_id_idx\` ON \`conditions_rels\` (\`treatments_id\`);`)
  await db.run(sql`CREATE INDEX \`conditions_rels_specialties_id_idx\` ON \`conditions_rels\` (\`specialties_id\`);`)
  await db.run(sql`CREATE INDEX \`conditions_rels_references_id_idx\` ON \`conditions_rels\` (\`references_id\`);`)
  await db.run(sql`CREATE TABLE \`_conditions_v_version_alternate_names\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`_uuid\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_conditions_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_conditions_v_version_alternate_names_order_idx\` ON \`_conditions_v_version_alternate_names\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`_conditions_v_version_alternate_names_parent_id_idx\` ON \`_conditions_v_version_alternate_names\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`_conditions_v_version_alternate_names_locales\` (
  	\`name\` text,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_conditions_v_version_alternate_names\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`_conditions_v_version_alternate_names_locales_locale_parent_\` ON \`_conditions_v_version_alternate_names_locales\` (\`_locale\`,\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`_conditions_v_version_causes\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`condition_id\` integer,
  	\`_uuid\` text,
  	FOREIGN KEY (\`condition_id\`) REFERENCES \`conditions\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_conditions_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_conditions_v_version_causes_order_idx\` ON \`_conditions_v_version_causes\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`_conditions_v_version_causes_parent_id_idx\` ON \`_conditions_v_version_causes\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_conditions_v_version_causes_condition_idx\` ON \`_conditions_v_version_causes\` (\`condition_id\`);`)
  await db.run(sql`CREATE TABLE \`_conditions_v_version_causes_locales\` (
  	\`name\` text,
  	\`description\` text,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_conditions_v_version_causes\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`_conditions_v_version_causes_locales_locale_parent_id_unique\` ON \`_conditions_v_version_causes_locales\` (\`_locale\`,\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`_conditions_v_version_risk_factors\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`modifiable\` integer DEFAULT false,
  	\`_uuid\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_conditions_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_conditions_v_version_risk_factors_order_idx\` ON \`_conditions_v_version_risk_factors\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`_conditions_v_version_risk_factors_parent_id_idx\` ON \`_conditions_v_version_risk_factors\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`_conditions_v_version_risk_factors_locales\` (
  	\`name\` text,
  	\`description\` text,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_conditions_v_version_risk_factors\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`_conditions_v_version_risk_factors_locales_locale_parent_id_\` ON \`_conditions_v_version_risk_factors_locales\` (\`_locale\`,\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`_conditions_v_version_symptoms\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`symptom_id\` integer,
  	\`group\` text DEFAULT 'other',
  	\`_uuid\` text,
  	FOREIGN KEY (\`symptom_id\`) REFERENCES \`symptoms\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_conditions_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_conditions_v_version_symptoms_order_idx\` ON \`_conditions_v_version_symptoms\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`_conditions_v_version_symptoms_parent_id_idx\` ON \`_conditions_v_version_symptoms\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_conditions_v_version_symptoms_symptom_idx\` ON \`_conditions_v_version_symptoms\` (\`symptom_id\`);`)
  await db.run(sql`CREATE TABLE \`_conditions_v_version_codes\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`system\` text,
  	\`code\` text,
  	\`_uuid\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_conditions_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_conditions_v_version_codes_order_idx\` ON \`_conditions_v_version_codes\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`_conditions_v_version_codes_parent_id_idx\` ON \`_conditions_v_version_codes\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`_conditions_v\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`parent_id\` integer,
  	\`version_slug\` text,
  	\`version_parent_id\` integer,
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
  await db.run(sql`CREATE TABLE \`_conditions_v_locales\` (
  	\`version_name\` text,
  	\`version_summary\` text,
  	\`version_description\` text,
  	\`version_prognosis\` text,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_conditions_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_conditions_v_version_version_name_idx\` ON \`_conditions_v_locales\` (\`version_name\`,\`_locale\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`_conditions_v_locales_locale_parent_id_unique\` ON \`_conditions_v_locales\` (\`_locale\`,\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`_conditions_v_rels\` (
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
  await db.run(sql`CREATE INDEX \`_conditions_v_rels_order_idx\` ON \`_conditions_v_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`_conditions_v_rels_parent_idx\` ON \`_conditions_v_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_conditions_v_rels_path_idx\` ON \`_conditions_v_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`_conditions_v_rels_diagnostic_tests_id_idx\` ON \`_conditions_v_rels\` (\`diagnostic_tests_id\`);`)
  await db.run(sql`CREATE INDEX \`_conditions_v_rels_treatments_id_idx\` ON \`_conditions_v_rels\` (\`treatments_id\`);`)
  await db.run(sql`CREATE INDEX \`_conditions_v_rels_specialties_id_idx\` ON \`_conditions_v_rels\` (\`specialties_id\`);`)
  await db.run(sql`CREATE INDEX \`_conditions_v_rels_references_id_idx\` ON \`_conditions_v_rels\` (\`references_id\`);`)
  await db.run(sql`CREATE TABLE \`symptoms_codes\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`system\` text,
  	\`code\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`symptoms\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`symptoms_codes_order_idx\` ON \`symptoms_codes\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`symptoms_codes_parent_id_idx\` ON \`symptoms_codes\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`symptoms\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`slug\` text,
  	\`category\` text DEFAULT 'general',
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`_status\` text DEFAULT 'draft'
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`symptoms_slug_idx\` ON \`symptoms\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`symptoms_category_idx\` ON \`symptoms\` (\`category\`);`)
  await db.run(sql`CREATE INDEX \`symptoms_updated_at_idx\` ON \`symptoms\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`symptoms_created_at_idx\` ON \`symptoms\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`symptoms__status_idx\` ON \`symptoms\` (\`_status\`);`)
  await db.run(sql`CREATE TABLE \`symptoms_locales\` (
  	\`name\` text,
  	\`summary\` text,
  	\`description\` text,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`symptoms\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`symptoms_name_idx\` ON \`symptoms_locales\` (\`name\`,\`_locale\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`symptoms_locales_locale_parent_id_unique\` ON \`symptoms_locales\` (\`_locale\`,\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`_symptoms_v_version_codes\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`system\` text,
  	\`code\` text,
  	\`_uuid\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_symptoms_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_symptoms_v_version_codes_order_idx\` ON \`_symptoms_v_version_codes\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`_symptoms_v_version_codes_parent_id_idx\` ON \`_symptoms_v_version_codes\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`_symptoms_v\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`parent_id\` integer,
  	\`version_slug\` text,
  	\`version_category\` text DEFAULT 'general',
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
  await db.run(sql`CREATE TABLE \`_symptoms_v_locales\` (
  	\`version_name\` text,
  	\`version_summary\` text,
  	\`version_description\` text,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_symptoms_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_symptoms_v_version_version_name_idx\` ON \`_symptoms_v_locales\` (\`version_name\`,\`_locale\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`_symptoms_v_locales_locale_parent_id_unique\` ON \`_symptoms_v_locales\` (\`_locale\`,\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`treatments_codes\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`system\` text,
  	\`code\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`treatments\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`treatments_codes_order_idx\` ON \`treatments_codes\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`treatments_codes_parent_id_idx\` ON \`treatments_codes\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`treatments\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`slug\` text,
  	\`kind\` text,
  	\`invasiveness\` text DEFAULT 'nonsurgical',
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`_status\` text DEFAULT 'draft'
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`treatments_slug_idx\` ON \`treatments\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`treatments_kind_idx\` ON \`treatments\` (\`kind\`);`)
  await db.run(sql`CREATE INDEX \`treatments_invasiveness_idx\` ON \`treatments\` (\`invasiveness\`);`)
  await db.run(sql`CREATE INDEX \`treatments_updated_at_idx\` ON \`treatments\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`treatments_created_at_idx\` ON \`treatments\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`treatments__status_idx\` ON \`treatments\` (\`_status\`);`)
  await db.run(sql`CREATE TABLE \`treatments_locales\` (
  	\`name\` text,
  	\`summary\` text,
  	\`description\` text,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`treatments\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`treatments_name_idx\` ON \`treatments_locales\` (\`name\`,\`_locale\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`treatments_locales_locale_parent_id_unique\` ON \`treatments_locales\` (\`_locale\`,\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`_treatments_v_version_codes\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`system\` text,
  	\`code\` text,
  	\`_uuid\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_treatments_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_treatments_v_version_codes_order_idx\` ON \`_treatments_v_version_codes\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`_treatments_v_version_codes_parent_id_idx\` ON \`_treatments_v_version_codes\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`_treatments_v\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`parent_id\` integer,
  	\`version_slug\` text,
  	\`version_kind\` text,
  	\`version_invasiveness\` text DEFAULT 'nonsurgical',
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
  await db.run(sql`CREATE TABLE \`_treatments_v_locales\` (
  	\`version_name\` text,
  	\`version_summary\` text,
  	\`version_description\` text,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_treatments_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_treatments_v_version_version_name_idx\` ON \`_treatments_v_locales\` (\`version_name\`,\`_locale\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`_treatments_v_locales_locale_parent_id_unique\` ON \`_treatments_v_locales\` (\`_locale\`,\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`diagnostic_tests_codes\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`system\` text,
  	\`code\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`diagnostic_tests\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`diagnostic_tests_codes_order_idx\` ON \`diagnostic_tests_codes\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`diagnostic_tests_codes_parent_id_idx\` ON \`diagnostic_tests_codes\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`diagnostic_tests\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`slug\` text,
  	\`kind\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`_status\` text DEFAULT 'draft'
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`diagnostic_tests_slug_idx\` ON \`diagnostic_tests\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`diagnostic_tests_kind_idx\` ON \`diagnostic_tests\` (\`kind\`);`)
  await db.run(sql`CREATE INDEX \`diagnostic_tests_updated_at_idx\` ON \`diagnostic_tests\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`diagnostic_tests_created_at_idx\` ON \`diagnostic_tests\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`diagnostic_tests__status_idx\` ON \`diagnostic_tests\` (\`_status\`);`)
  await db.run(sql`CREATE TABLE \`diagnostic_tests_locales\` (
  	\`name\` text,
  	\`summary\` text,
  	\`detects\` text,
  	\`description\` text,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`diagnostic_tests\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`diagnostic_tests_name_idx\` ON \`diagnostic_tests_locales\` (\`name\`,\`_locale\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`diagnostic_tests_locales_locale_parent_id_unique\` ON \`diagnostic_tests_locales\` (\`_locale\`,\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`_diagnostic_tests_v_version_codes\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`system\` text,
  	\`code\` text,
  	\`_uuid\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_diagnostic_tests_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_diagnostic_tests_v_version_codes_order_idx\` ON \`_diagnostic_tests_v_version_codes\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`_diagnostic_tests_v_version_codes_parent_id_idx\` ON \`_diagnostic_tests_v_version_codes\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`_diagnostic_tests_v\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`parent_id\` integer,
  	\`version_slug\` text,
  	\`version_kind\` text,
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
  await db.run(sql`CREATE TABLE \`_diagnostic_tests_v_locales\` (
  	\`version_name\` text,
  	\`version_summary\` text,
  	\`version_detects\` text,
  	\`version_description\` text,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_diagnostic_tests_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_diagnostic_tests_v_version_version_name_idx\` ON \`_diagnostic_tests_v_locales\` (\`version_name\`,\`_locale\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`_diagnostic_tests_v_locales_locale_parent_id_unique\` ON \`_diagnostic_tests_v_locales\` (\`_locale\`,\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`locations_opening_hours_days\` (
  	\`order\` integer NOT NULL,
  	\`parent_id\` text NOT NULL,
  	\`value\` text,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`locations_opening_hours\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`locations_opening_hours_days_order_idx\` ON \`locations_opening_hours_days\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`locations_opening_hours_days_parent_idx\` ON \`locations_opening_hours_days\` (\`parent_id\`);`)
  await db.run(sql`CREATE TABLE \`locations_opening_hours\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`opens\` text,
  	\`closes\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`locations\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`locations_opening_hours_order_idx\` ON \`locations_opening_hours\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`locations_opening_hours_parent_id_idx\` ON \`locations_opening_hours\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`locations\` (
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
  await db.run(sql`CREATE UNIQUE INDEX \`locations_slug_idx\` ON \`locations\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`locations_address_address_city_idx\` ON \`locations\` (\`address_city\`);`)
  await db.run(sql`CREATE INDEX \`locations_latitude_idx\` ON \`locations\` (\`latitude\`);`)
  await db.run(sql`CREATE INDEX \`locations_longitude_idx\` ON \`locations\` (\`longitude\`);`)
  await db.run(sql`CREATE INDEX \`locations_accepting_new_patients_idx\` ON \`locations\` (\`accepting_new_patients\`);`)
  await db.run(sql`CREATE INDEX \`locations_updated_at_idx\` ON \`locations\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`locations_created_at_idx\` ON \`locations\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`locations__status_idx\` ON \`locations\` (\`_status\`);`)
  await db.run(sql`CREATE TABLE \`locations_locales\` (
  	\`name\` text,
  	\`summary\` text,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`locations\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`locations_name_idx\` ON \`locations_locales\` (\`name\`,\`_locale\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`locations_locales_locale_parent_id_unique\` ON \`locations_locales\` (\`_locale\`,\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`locations_rels\` (
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
  await db.run(sql`CREATE INDEX \`locations_rels_order_idx\` ON \`locations_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`locations_rels_parent_idx\` ON \`locations_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`locations_rels_path_idx\` ON \`locations_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`locations_rels_specialties_id_idx\` ON \`locations_rels\` (\`specialties_id\`);`)
  await db.run(sql`CREATE INDEX \`locations_rels_conditions_id_idx\` ON \`locations_rels\` (\`conditions_id\`);`)
  await db.run(sql`CREATE INDEX \`locations_rels_treatments_id_idx\` ON \`locations_rels\` (\`treatments_id\`);`)
  await db.run(sql`CREATE TABLE \`_locations_v_version_opening_hours_days\` (
  	\`order\` integer NOT NULL,
  	\`parent_id\` integer NOT NULL,
  	\`value\` text,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`_locations_v_version_opening_hours\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_locations_v_version_opening_hours_days_order_idx\` ON \`_locations_v_version_opening_hours_days\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`_locations_v_version_opening_hours_days_parent_idx\` ON \`_locations_v_version_opening_hours_days\` (\`parent_id\`);`)
  await db.run(sql`CREATE TABLE \`_locations_v_version_opening_hours\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`opens\` text,
  	\`closes\` text,
  	\`_uuid\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_locations_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_locations_v_version_opening_hours_order_idx\` ON \`_locations_v_version_opening_hours\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`_locations_v_version_opening_hours_parent_id_idx\` ON \`_locations_v_version_opening_hours\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`_locations_v\` (
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
  await db.run(sql`CREATE TABLE \`_locations_v_locales\` (
  	\`version_name\` text,
  	\`version_summary\` text,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`_locations_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_locations_v_version_version_name_idx\` ON \`_locations_v_locales\` (\`version_name\`,\`_locale\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`_locations_v_locales_locale_parent_id_unique\` ON \`_locations_v_locales\` (\`_locale\`,\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`_locations_v_rels\` (
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
  await db.run(sql`CREATE INDEX \`_locations_v_rels_order_idx\` ON \`_locations_v_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`_locations_v_rels_parent_idx\` ON \`_locations_v_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_locations_v_rels_path_idx\` ON \`_locations_v_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`_locations_v_rels_specialties_id_idx\` ON \`_locations_v_rels\` (\`specialties_id\`);`)
  await db.run(sql`CREATE INDEX \`_locations_v_rels_conditions_id_idx\` ON \`_locations_v_rels\` (\`conditions_id\`);`)
  await db.run(sql`CREATE INDEX \`_locations_v_rels_treatments_id_idx\` ON \`_locations_v_rels\` (\`treatments_id\`);`)
  await db.run(sql`CREATE TABLE \`specialties\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`slug\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`specialties_slug_idx\` ON \`specialties\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`specialties_updated_at_idx\` ON \`specialties\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`specialties_created_at_idx\` ON \`specialties\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`specialties_locales\` (
  	\`name\` text NOT NULL,
  	\`summary\` text,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`specialties\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`specialties_name_idx\` ON \`specialties_locales\` (\`name\`,\`_locale\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`specialties_locales_locale_parent_id_unique\` ON \`specialties_locales\` (\`_locale\`,\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`references\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`title\` text NOT NULL,
  	\`publisher\` text,
  	\`url\` text,
  	\`doi\` text,
  	\`pmid\` text,
  	\`accessed_at\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`references_updated_at_idx\` ON \`references\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`references_created_at_idx\` ON \`references\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`media\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`credit\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`url\` text,
  	\`thumbnail_u_r_l\` text,
  	\`filename\` text,
  	\`mime_type\` text,
  	\`filesize\` numeric,
  	\`width\` numeric,
  	\`height\` numeric,
  	\`focal_x\` numeric,
  	\`focal_y\` numeric
  );
  `)
  await db.run(sql`CREATE INDEX \`media_updated_at_idx\` ON \`media\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`media_created_at_idx\` ON \`media\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`media_filename_idx\` ON \`media\` (\`filename\`);`)
  await db.run(sql`CREATE TABLE \`media_locales\` (
  	\`alt\` text NOT NULL,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`media_locales_locale_parent_id_unique\` ON \`media_locales\` (\`_locale\`,\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`users_sessions\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`created_at\` text,
  	\`expires_at\` text NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`users_sessions_order_idx\` ON \`users_sessions\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`users_sessions_parent_id_idx\` ON \`users_sessions\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`users\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`name\` text NOT NULL,
  	\`credentials\` text,
  	\`role\` text DEFAULT 'editor' NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`enable_a_p_i_key\` integer,
  	\`api_key\` text,
  	\`api_key_index\` text,
  	\`email\` text NOT NULL,
  	\`reset_password_token\` text,
  	\`reset_password_expiration\` text,
  	\`salt\` text,
  	\`hash\` text,
  	\`reset_password_requested_at\` text,
  	\`login_attempts\` numeric DEFAULT 0,
  	\`lock_until\` text
  );
  `)
  await db.run(sql`CREATE INDEX \`users_role_idx\` ON \`users\` (\`role\`);`)
  await db.run(sql`CREATE INDEX \`users_updated_at_idx\` ON \`users\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`users_created_at_idx\` ON \`users\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`users_email_idx\` ON \`users\` (\`email\`);`)
  await db.run(sql`CREATE TABLE \`payload_kv\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`key\` text NOT NULL,
  	\`data\` text NOT NULL
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`payload_kv_key_idx\` ON \`payload_kv\` (\`key\`);`)
  await db.run(sql`CREATE TABLE \`payload_locked_documents\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`global_slug\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_global_slug_idx\` ON \`payload_locked_documents\` (\`global_slug\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_updated_at_idx\` ON \`payload_locked_documents\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_created_at_idx\` ON \`payload_locked_documents\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`payload_locked_documents_rels\` (
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
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
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
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_users_id_idx\` ON \`payload_locked_documents_rels\` (\`users_id\`);`)
  await db.run(sql`CREATE TABLE \`payload_preferences\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`key\` text,
  	\`value\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_preferences_key_idx\` ON \`payload_preferences\` (\`key\`);`)
  await db.run(sql`CREATE INDEX \`payload_preferences_updated_at_idx\` ON \`payload_preferences\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`payload_preferences_created_at_idx\` ON \`payload_preferences\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`payload_preferences_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`users_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_preferences\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_preferences_rels_order_idx\` ON \`payload_preferences_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`payload_preferences_rels_parent_idx\` ON \`payload_preferences_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_preferences_rels_path_idx\` ON \`payload_preferences_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`payload_preferences_rels_users_id_idx\` ON \`payload_preferences_rels\` (\`users_id\`);`)
  await db.run(sql`CREATE TABLE \`payload_migrations\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`name\` text,
  	\`batch\` numeric,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_migrations_updated_at_idx\` ON \`payload_migrations\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`payload_migrations_created_at_idx\` ON \`payload_migrations\` (\`created_at\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`conditions_alternate_names\`;`)
  await db.run(sql`DROP TABLE \`conditions_alternate_names_locales\`;`)
  await db.run(sql`DROP TABLE \`conditions_causes\`;`)
  await db.run(sql`DROP TABLE \`conditions_causes_locales\`;`)
  await db.run(sql`DROP TABLE \`conditions_risk_factors\`;`)
  await db.run(sql`DROP TABLE \`conditions_risk_factors_locales\`;`)
  await db.run(sql`DROP TABLE \`conditions_symptoms\`;`)
  await db.run(sql`DROP TABLE \`conditions_codes\`;`)
  await db.run(sql`DROP TABLE \`conditions\`;`)
  await db.run(sql`DROP TABLE \`conditions_locales\`;`)
  await db.run(sql`DROP TABLE \`conditions_rels\`;`)
  await db.run(sql`DROP TABLE \`_conditions_v_version_alternate_names\`;`)
  await db.run(sql`DROP TABLE \`_conditions_v_version_alternate_names_locales\`;`)
  await db.run(sql`DROP TABLE \`_conditions_v_version_causes\`;`)
  await db.run(sql`DROP TABLE \`_conditions_v_version_causes_locales\`;`)
  await db.run(sql`DROP TABLE \`_conditions_v_version_risk_factors\`;`)
  await db.run(sql`DROP TABLE \`_conditions_v_version_risk_factors_locales\`;`)
  await db.run(sql`DROP TABLE \`_conditions_v_version_symptoms\`;`)
  await db.run(sql`DROP TABLE \`_conditions_v_version_codes\`;`)
  await db.run(sql`DROP TABLE \`_conditions_v\`;`)
  await db.run(sql`DROP TABLE \`_conditions_v_locales\`;`)
  await db.run(sql`DROP TABLE \`_conditions_v_rels\`;`)
  await db.run(sql`DROP TABLE \`symptoms_codes\`;`)
  await db.run(sql`DROP TABLE \`symptoms\`;`)
  await db.run(sql`DROP TABLE \`symptoms_locales\`;`)
  await db.run(sql`DROP TABLE \`_symptoms_v_version_codes\`;`)
  await db.run(sql`DROP TABLE \`_symptoms_v\`;`)
  await db.run(sql`DROP TABLE \`_symptoms_v_locales\`;`)
  await db.run(sql`DROP TABLE \`treatments_codes\`;`)
  await db.run(sql`DROP TABLE \`treatments\`;`)
  await db.run(sql`DROP TABLE \`treatments_locales\`;`)
  await db.run(sql`DROP TABLE \`_treatments_v_version_codes\`;`)
  await db.run(sql`DROP TABLE \`_treatments_v\`;`)
  await db.run(sql`DROP TABLE \`_treatments_v_locales\`;`)
  await db.run(sql`DROP TABLE \`diagnostic_tests_codes\`;`)
  await db.run(sql`DROP TABLE \`diagnostic_tests\`;`)
  await db.run(sql`DROP TABLE \`diagnostic_tests_locales\`;`)
  await db.run(sql`DROP TABLE \`_diagnostic_tests_v_version_codes\`;`)
  await db.run(sql`DROP TABLE \`_diagnostic_tests_v\`;`)
  await db.run(sql`DROP TABLE \`_diagnostic_tests_v_locales\`;`)
  await db.run(sql`DROP TABLE \`locations_opening_hours_days\`;`)
  await db.run(sql`DROP TABLE \`locations_opening_hours\`;`)
  await db.run(sql`DROP TABLE \`locations\`;`)
  await db.run(sql`DROP TABLE \`locations_locales\`;`)
  await db.run(sql`DROP TABLE \`locations_rels\`;`)
  await db.run(sql`DROP TABLE \`_locations_v_version_opening_hours_days\`;`)
  await db.run(sql`DROP TABLE \`_locations_v_version_opening_hours\`;`)
  await db.run(sql`DROP TABLE \`_locations_v\`;`)
  await db.run(sql`DROP TABLE \`_locations_v_locales\`;`)
  await db.run(sql`DROP TABLE \`_locations_v_rels\`;`)
  await db.run(sql`DROP TABLE \`specialties\`;`)
  await db.run(sql`DROP TABLE \`specialties_locales\`;`)
  await db.run(sql`DROP TABLE \`references\`;`)
  await db.run(sql`DROP TABLE \`media\`;`)
  await db.run(sql`DROP TABLE \`media_locales\`;`)
  await db.run(sql`DROP TABLE \`users_sessions\`;`)
  await db.run(sql`DROP TABLE \`users\`;`)
  await db.run(sql`DROP TABLE \`payload_kv\`;`)
  await db.run(sql`DROP TABLE \`payload_locked_documents\`;`)
  await db.run(sql`DROP TABLE \`payload_locked_documents_rels\`;`)
  await db.run(sql`DROP TABLE \`payload_preferences\`;`)
  await db.run(sql`DROP TABLE \`payload_preferences_rels\`;`)
  await db.run(sql`DROP TABLE \`payload_migrations\`;`)
}
