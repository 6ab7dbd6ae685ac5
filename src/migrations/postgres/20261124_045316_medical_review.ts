import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_conditions_review_stage" AS ENUM('draft', 'in_review', 'changes_requested', 'approved', 'published', 'unpublished', 'archived');
  CREATE TYPE "public"."enum__conditions_v_version_review_stage" AS ENUM('draft', 'in_review', 'changes_requested', 'approved', 'published', 'unpublished', 'archived');
  CREATE TYPE "public"."enum_symptoms_review_stage" AS ENUM('draft', 'in_review', 'changes_requested', 'approved', 'published', 'unpublished', 'archived');
  CREATE TYPE "public"."enum__symptoms_v_version_review_stage" AS ENUM('draft', 'in_review', 'changes_requested', 'approved', 'published', 'unpublished', 'archived');
  CREATE TYPE "public"."enum_treatments_review_stage" AS ENUM('draft', 'in_review', 'changes_requested', 'approved', 'published', 'unpublished', 'archived');
  CREATE TYPE "public"."enum__treatments_v_version_review_stage" AS ENUM('draft', 'in_review', 'changes_requested', 'approved', 'published', 'unpublished', 'archived');
  CREATE TYPE "public"."enum_diagnostic_tests_review_stage" AS ENUM('draft', 'in_review', 'changes_requested', 'approved', 'published', 'unpublished', 'archived');
  CREATE TYPE "public"."enum__diagnostic_tests_v_version_review_stage" AS ENUM('draft', 'in_review', 'changes_requested', 'approved', 'published', 'unpublished', 'archived');
  CREATE TYPE "public"."enum_locations_review_stage" AS ENUM('draft', 'in_review', 'changes_requested', 'approved', 'published', 'unpublished', 'archived');
  CREATE TYPE "public"."enum__locations_v_version_review_stage" AS ENUM('draft', 'in_review', 'changes_requested', 'approved', 'published', 'unpublished', 'archived');
  CREATE TYPE "public"."enum_review_events_document_collection" AS ENUM('conditions', 'symptoms', 'treatments', 'diagnostic-tests', 'locations');
  CREATE TYPE "public"."enum_review_events_action" AS ENUM('submit', 'approve', 'request_changes', 'publish', 'unpublish', 'archive', 'edit');
  CREATE TYPE "public"."enum_review_events_from_stage" AS ENUM('draft', 'in_review', 'changes_requested', 'approved', 'published', 'unpublished', 'archived');
  CREATE TYPE "public"."enum_review_events_to_stage" AS ENUM('draft', 'in_review', 'changes_requested', 'approved', 'published', 'unpublished', 'archived');
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'notifyReviewEvent';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'reviewScheduleReport';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'notifyReviewEvent';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'reviewScheduleReport';
  CREATE TABLE "symptoms_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"users_id" integer
  );
  
  CREATE TABLE "_symptoms_v_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"users_id" integer
  );
  
  CREATE TABLE "treatments_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"users_id" integer
  );
  
  CREATE TABLE "_treatments_v_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"users_id" integer
  );
  
  CREATE TABLE "diagnostic_tests_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"users_id" integer
  );
  
  CREATE TABLE "_diagnostic_tests_v_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"users_id" integer
  );
  
  CREATE TABLE "review_events" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"document_collection" "enum_review_events_document_collection" NOT NULL,
  	"document_id" varchar NOT NULL,
  	"document_title" varchar,
  	"action" "enum_review_events_action" NOT NULL,
  	"from_stage" "enum_review_events_from_stage" NOT NULL,
  	"to_stage" "enum_review_events_to_stage" NOT NULL,
  	"revision" numeric NOT NULL,
  	"version" varchar,
  	"comment" varchar,
  	"actor_id" integer,
  	"assigned_reviewer_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_jobs_stats" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"stats" jsonb,
  	"updated_at" timestamp(3) with time zone,
  	"created_at" timestamp(3) with time zone
  );
  
  ALTER TABLE "conditions" ADD COLUMN "review_stage" "enum_conditions_review_stage" DEFAULT 'draft';
  ALTER TABLE "conditions" ADD COLUMN "assigned_reviewer_id" integer;
  ALTER TABLE "conditions" ADD COLUMN "revision" numeric DEFAULT 1;
  ALTER TABLE "conditions" ADD COLUMN "approval_approved_by_id" integer;
  ALTER TABLE "conditions" ADD COLUMN "approval_approved_at" timestamp(3) with time zone;
  ALTER TABLE "conditions" ADD COLUMN "approval_revision" numeric;
  ALTER TABLE "conditions" ADD COLUMN "reviewed_by_name" varchar;
  ALTER TABLE "conditions" ADD COLUMN "reviewed_by_credentials" varchar;
  ALTER TABLE "conditions" ADD COLUMN "last_reviewed_at" timestamp(3) with time zone;
  ALTER TABLE "conditions" ADD COLUMN "next_review_due" timestamp(3) with time zone;
  ALTER TABLE "conditions" ADD COLUMN "review_interval_months" numeric DEFAULT 12;
  ALTER TABLE "conditions_rels" ADD COLUMN "users_id" integer;
  ALTER TABLE "_conditions_v" ADD COLUMN "version_review_stage" "enum__conditions_v_version_review_stage" DEFAULT 'draft';
  ALTER TABLE "_conditions_v" ADD COLUMN "version_assigned_reviewer_id" integer;
  ALTER TABLE "_conditions_v" ADD COLUMN "version_revision" numeric DEFAULT 1;
  ALTER TABLE "_conditions_v" ADD COLUMN "version_approval_approved_by_id" integer;
  ALTER TABLE "_conditions_v" ADD COLUMN "version_approval_approved_at" timestamp(3) with time zone;
  ALTER TABLE "_conditions_v" ADD COLUMN "version_approval_revision" numeric;
  ALTER TABLE "_conditions_v" ADD COLUMN "version_reviewed_by_name" varchar;
  ALTER TABLE "_conditions_v" ADD COLUMN "version_reviewed_by_credentials" varchar;
  ALTER TABLE "_conditions_v" ADD COLUMN "version_last_reviewed_at" timestamp(3) with time zone;
  ALTER TABLE "_conditions_v" ADD COLUMN "version_next_review_due" timestamp(3) with time zone;
  ALTER TABLE "_conditions_v" ADD COLUMN "version_review_interval_months" numeric DEFAULT 12;
  ALTER TABLE "_conditions_v_rels" ADD COLUMN "users_id" integer;
  ALTER TABLE "symptoms" ADD COLUMN "review_stage" "enum_symptoms_review_stage" DEFAULT 'draft';
  ALTER TABLE "symptoms" ADD COLUMN "assigned_reviewer_id" integer;
  ALTER TABLE "symptoms" ADD COLUMN "revision" numeric DEFAULT 1;
  ALTER TABLE "symptoms" ADD COLUMN "approval_approved_by_id" integer;
  ALTER TABLE "symptoms" ADD COLUMN "approval_approved_at" timestamp(3) with time zone;
  ALTER TABLE "symptoms" ADD COLUMN "approval_revision" numeric;
  ALTER TABLE "symptoms" ADD COLUMN "reviewed_by_name" varchar;
  ALTER TABLE "symptoms" ADD COLUMN "reviewed_by_credentials" varchar;
  ALTER TABLE "symptoms" ADD COLUMN "last_reviewed_at" timestamp(3) with time zone;
  ALTER TABLE "symptoms" ADD COLUMN "next_review_due" timestamp(3) with time zone;
  ALTER TABLE "symptoms" ADD COLUMN "review_interval_months" numeric DEFAULT 12;
  ALTER TABLE "_symptoms_v" ADD COLUMN "version_review_stage" "enum__symptoms_v_version_review_stage" DEFAULT 'draft';
  ALTER TABLE "_symptoms_v" ADD COLUMN "version_assigned_reviewer_id" integer;
  ALTER TABLE "_symptoms_v" ADD COLUMN "version_revision" numeric DEFAULT 1;
  ALTER TABLE "_symptoms_v" ADD COLUMN "version_approval_approved_by_id" integer;
  ALTER TABLE "_symptoms_v" ADD COLUMN "version_approval_approved_at" timestamp(3) with time zone;
  ALTER TABLE "_symptoms_v" ADD COLUMN "version_approval_revision" numeric;
  ALTER TABLE "_symptoms_v" ADD COLUMN "version_reviewed_by_name" varchar;
  ALTER TABLE "_symptoms_v" ADD COLUMN "version_reviewed_by_credentials" varchar;
  ALTER TABLE "_symptoms_v" ADD COLUMN "version_last_reviewed_at" timestamp(3) with time zone;
  ALTER TABLE "_symptoms_v" ADD COLUMN "version_next_review_due" timestamp(3) with time zone;
  ALTER TABLE "_symptoms_v" ADD COLUMN "version_review_interval_months" numeric DEFAULT 12;
  ALTER TABLE "treatments" ADD COLUMN "review_stage" "enum_treatments_review_stage" DEFAULT 'draft';
  ALTER TABLE "treatments" ADD COLUMN "assigned_reviewer_id" integer;
  ALTER TABLE "treatments" ADD COLUMN "revision" numeric DEFAULT 1;
  ALTER TABLE "treatments" ADD COLUMN "approval_approved_by_id" integer;
  ALTER TABLE "treatments" ADD COLUMN "approval_approved_at" timestamp(3) with time zone;
  ALTER TABLE "treatments" ADD COLUMN "approval_revision" numeric;
  ALTER TABLE "treatments" ADD COLUMN "reviewed_by_name" varchar;
  ALTER TABLE "treatments" ADD COLUMN "reviewed_by_credentials" varchar;
  ALTER TABLE "treatments" ADD COLUMN "last_reviewed_at" timestamp(3) with time zone;
  ALTER TABLE "treatments" ADD COLUMN "next_review_due" timestamp(3) with time zone;
  ALTER TABLE "treatments" ADD COLUMN "review_interval_months" numeric DEFAULT 12;
  ALTER TABLE "_treatments_v" ADD COLUMN "version_review_stage" "enum__treatments_v_version_review_stage" DEFAULT 'draft';
  ALTER TABLE "_treatments_v" ADD COLUMN "version_assigned_reviewer_id" integer;
  ALTER TABLE "_treatments_v" ADD COLUMN "version_revision" numeric DEFAULT 1;
  ALTER TABLE "_treatments_v" ADD COLUMN "version_approval_approved_by_id" integer;
  ALTER TABLE "_treatments_v" ADD COLUMN "version_approval_approved_at" timestamp(3) with time zone;
  ALTER TABLE "_treatments_v" ADD COLUMN "version_approval_revision" numeric;
  ALTER TABLE "_treatments_v" ADD COLUMN "version_reviewed_by_name" varchar;
  ALTER TABLE "_treatments_v" ADD COLUMN "version_reviewed_by_credentials" varchar;
  ALTER TABLE "_treatments_v" ADD COLUMN "version_last_reviewed_at" timestamp(3) with time zone;
  ALTER TABLE "_treatments_v" ADD COLUMN "version_next_review_due" timestamp(3) with time zone;
  ALTER TABLE "_treatments_v" ADD COLUMN "version_review_interval_months" numeric DEFAULT 12;
  ALTER TABLE "diagnostic_tests" ADD COLUMN "review_stage" "enum_diagnostic_tests_review_stage" DEFAULT 'draft';
  ALTER TABLE "diagnostic_tests" ADD COLUMN "assigned_reviewer_id" integer;
  ALTER TABLE "diagnostic_tests" ADD COLUMN "revision" numeric DEFAULT 1;
  ALTER TABLE "diagnostic_tests" ADD COLUMN "approval_approved_by_id" integer;
  ALTER TABLE "diagnostic_tests" ADD COLUMN "approval_approved_at" timestamp(3) with time zone;
  ALTER TABLE "diagnostic_tests" ADD COLUMN "approval_revision" numeric;
  ALTER TABLE "diagnostic_tests" ADD COLUMN "reviewed_by_name" varchar;
  ALTER TABLE "diagnostic_tests" ADD COLUMN "reviewed_by_credentials" varchar;
  ALTER TABLE "diagnostic_tests" ADD COLUMN "last_reviewed_at" timestamp(3) with time zone;
  ALTER TABLE "diagnostic_tests" ADD COLUMN "next_review_due" timestamp(3) with time zone;
  ALTER TABLE "diagnostic_tests" ADD COLUMN "review_interval_months" numeric DEFAULT 12;
  ALTER TABLE "_diagnostic_tests_v" ADD COLUMN "version_review_stage" "enum__diagnostic_tests_v_version_review_stage" DEFAULT 'draft';
  ALTER TABLE "_diagnostic_tests_v" ADD COLUMN "version_assigned_reviewer_id" integer;
  ALTER TABLE "_diagnostic_tests_v" ADD COLUMN "version_revision" numeric DEFAULT 1;
  ALTER TABLE "_diagnostic_tests_v" ADD COLUMN "version_approval_approved_by_id" integer;
  ALTER TABLE "_diagnostic_tests_v" ADD COLUMN "version_approval_approved_at" timestamp(3) with time zone;
  ALTER TABLE "_diagnostic_tests_v" ADD COLUMN "version_approval_revision" numeric;
  ALTER TABLE "_diagnostic_tests_v" ADD COLUMN "version_reviewed_by_name" varchar;
  ALTER TABLE "_diagnostic_tests_v" ADD COLUMN "version_reviewed_by_credentials" varchar;
  ALTER TABLE "_diagnostic_tests_v" ADD COLUMN "version_last_reviewed_at" timestamp(3) with time zone;
  ALTER TABLE "_diagnostic_tests_v" ADD COLUMN "version_next_review_due" timestamp(3) with time zone;
  ALTER TABLE "_diagnostic_tests_v" ADD COLUMN "version_review_interval_months" numeric DEFAULT 12;
  ALTER TABLE "locations" ADD COLUMN "review_stage" "enum_locations_review_stage" DEFAULT 'draft';
  ALTER TABLE "locations" ADD COLUMN "assigned_reviewer_id" integer;
  ALTER TABLE "locations" ADD COLUMN "revision" numeric DEFAULT 1;
  ALTER TABLE "locations" ADD COLUMN "approval_approved_by_id" integer;
  ALTER TABLE "locations" ADD COLUMN "approval_approved_at" timestamp(3) with time zone;
  ALTER TABLE "locations" ADD COLUMN "approval_revision" numeric;
  ALTER TABLE "locations" ADD COLUMN "reviewed_by_name" varchar;
  ALTER TABLE "locations" ADD COLUMN "reviewed_by_credentials" varchar;
  ALTER TABLE "locations" ADD COLUMN "last_reviewed_at" timestamp(3) with time zone;
  ALTER TABLE "locations" ADD COLUMN "next_review_due" timestamp(3) with time zone;
  ALTER TABLE "locations" ADD COLUMN "review_interval_months" numeric DEFAULT 12;
  ALTER TABLE "locations_rels" ADD COLUMN "users_id" integer;
  ALTER TABLE "_locations_v" ADD COLUMN "version_review_stage" "enum__locations_v_version_review_stage" DEFAULT 'draft';
  ALTER TABLE "_locations_v" ADD COLUMN "version_assigned_reviewer_id" integer;
  ALTER TABLE "_locations_v" ADD COLUMN "version_revision" numeric DEFAULT 1;
  ALTER TABLE "_locations_v" ADD COLUMN "version_approval_approved_by_id" integer;
  ALTER TABLE "_locations_v" ADD COLUMN "version_approval_approved_at" timestamp(3) with time zone;
  ALTER TABLE "_locations_v" ADD COLUMN "version_approval_revision" numeric;
  ALTER TABLE "_locations_v" ADD COLUMN "version_reviewed_by_name" varchar;
  ALTER TABLE "_locations_v" ADD COLUMN "version_reviewed_by_credentials" varchar;
  ALTER TABLE "_locations_v" ADD COLUMN "version_last_reviewed_at" timestamp(3) with time zone;
  ALTER TABLE "_locations_v" ADD COLUMN "version_next_review_due" timestamp(3) with time zone;
  ALTER TABLE "_locations_v" ADD COLUMN "version_review_interval_months" numeric DEFAULT 12;
  ALTER TABLE "_locations_v_rels" ADD COLUMN "users_id" integer;
  ALTER TABLE "payload_jobs" ADD COLUMN "meta" jsonb;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "review_events_id" integer;
  ALTER TABLE "symptoms_rels" ADD CONSTRAINT "symptoms_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."symptoms"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "symptoms_rels" ADD CONSTRAINT "symptoms_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_symptoms_v_rels" ADD CONSTRAINT "_symptoms_v_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_symptoms_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_symptoms_v_rels" ADD CONSTRAINT "_symptoms_v_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "treatments_rels" ADD CONSTRAINT "treatments_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."treatments"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "treatments_rels" ADD CONSTRAINT "treatments_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_treatments_v_rels" ADD CONSTRAINT "_treatments_v_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_treatments_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_treatments_v_rels" ADD CONSTRAINT "_treatments_v_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "diagnostic_tests_rels" ADD CONSTRAINT "diagnostic_tests_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."diagnostic_tests"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "diagnostic_tests_rels" ADD CONSTRAINT "diagnostic_tests_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_diagnostic_tests_v_rels" ADD CONSTRAINT "_diagnostic_tests_v_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_diagnostic_tests_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_diagnostic_tests_v_rels" ADD CONSTRAINT "_diagnostic_tests_v_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "review_events" ADD CONSTRAINT "review_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "review_events" ADD CONSTRAINT "review_events_assigned_reviewer_id_users_id_fk" FOREIGN KEY ("assigned_reviewer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "symptoms_rels_order_idx" ON "symptoms_rels" USING btree ("order");
  CREATE INDEX "symptoms_rels_parent_idx" ON "symptoms_rels" USING btree ("parent_id");
  CREATE INDEX "symptoms_rels_path_idx" ON "symptoms_rels" USING btree ("path");
  CREATE INDEX "symptoms_rels_users_id_idx" ON "symptoms_rels" USING btree ("users_id");
  CREATE INDEX "_symptoms_v_rels_order_idx" ON "_symptoms_v_rels" USING btree ("order");
  CREATE INDEX "_symptoms_v_rels_parent_idx" ON "_symptoms_v_rels" USING btree ("parent_id");
  CREATE INDEX "_symptoms_v_rels_path_idx" ON "_symptoms_v_rels" USING btree ("path");
  CREATE INDEX "_symptoms_v_rels_users_id_idx" ON "_symptoms_v_rels" USING btree ("users_id");
  CREATE INDEX "treatments_rels_order_idx" ON "treatments_rels" USING btree ("order");
  CREATE INDEX "treatments_rels_parent_idx" ON "treatments_rels" USING btree ("parent_id");
  CREATE INDEX "treatments_rels_path_idx" ON "treatments_rels" USING btree ("path");
  CREATE INDEX "treatments_rels_users_id_idx" ON "treatments_rels" USING btree ("users_id");
  CREATE INDEX "_treatments_v_rels_order_idx" ON "_treatments_v_rels" USING btree ("order");
  CREATE INDEX "_treatments_v_rels_parent_idx" ON "_treatments_v_rels" USING btree ("parent_id");
  CREATE INDEX "_treatments_v_rels_path_idx" ON "_treatments_v_rels" USING btree ("path");
  CREATE INDEX "_treatments_v_rels_users_id_idx" ON "_treatments_v_rels" USING btree ("users_id");
  CREATE INDEX "diagnostic_tests_rels_order_idx" ON "diagnostic_tests_rels" USING btree ("order");
  CREATE INDEX "diagnostic_tests_rels_parent_idx" ON "diagnostic_tests_rels" USING btree ("parent_id");
  CREATE INDEX "diagnostic_tests_rels_path_idx" ON "diagnostic_tests_rels" USING btree ("path");
  CREATE INDEX "diagnostic_tests_rels_users_id_idx" ON "diagnostic_tests_rels" USING btree ("users_id");
  CREATE INDEX "_diagnostic_tests_v_rels_order_idx" ON "_diagnostic_tests_v_rels" USING btree ("order");
  CREATE INDEX "_diagnostic_tests_v_rels_parent_idx" ON "_diagnostic_tests_v_rels" USING btree ("parent_id");
  CREATE INDEX "_diagnostic_tests_v_rels_path_idx" ON "_diagnostic_tests_v_rels" USING btree ("path");
  CREATE INDEX "_diagnostic_tests_v_rels_users_id_idx" ON "_diagnostic_tests_v_rels" USING btree ("users_id");
  CREATE INDEX "review_events_document_collection_idx" ON "review_events" USING btree ("document_collection");
  CREATE INDEX "review_events_document_id_idx" ON "review_events" USING btree ("document_id");
  CREATE INDEX "review_events_action_idx" ON "review_events" USING btree ("action");
  CREATE INDEX "review_events_actor_idx" ON "review_events" USING btree ("actor_id");
  CREATE INDEX "review_events_assigned_reviewer_idx" ON "review_events" USING btree ("assigned_reviewer_id");
  CREATE INDEX "review_events_updated_at_idx" ON "review_events" USING btree ("updated_at");
  CREATE INDEX "review_events_created_at_idx" ON "review_events" USING btree ("created_at");
  ALTER TABLE "conditions" ADD CONSTRAINT "conditions_assigned_reviewer_id_users_id_fk" FOREIGN KEY ("assigned_reviewer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "conditions" ADD CONSTRAINT "conditions_approval_approved_by_id_users_id_fk" FOREIGN KEY ("approval_approved_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "conditions_rels" ADD CONSTRAINT "conditions_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_conditions_v" ADD CONSTRAINT "_conditions_v_version_assigned_reviewer_id_users_id_fk" FOREIGN KEY ("version_assigned_reviewer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_conditions_v" ADD CONSTRAINT "_conditions_v_version_approval_approved_by_id_users_id_fk" FOREIGN KEY ("version_approval_approved_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_conditions_v_rels" ADD CONSTRAINT "_conditions_v_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "symptoms" ADD CONSTRAINT "symptoms_assigned_reviewer_id_users_id_fk" FOREIGN KEY ("assigned_reviewer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "symptoms" ADD CONSTRAINT "symptoms_approval_approved_by_id_users_id_fk" FOREIGN KEY ("approval_approved_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_symptoms_v" ADD CONSTRAINT "_symptoms_v_version_assigned_reviewer_id_users_id_fk" FOREIGN KEY ("version_assigned_reviewer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_symptoms_v" ADD CONSTRAINT "_symptoms_v_version_approval_approved_by_id_users_id_fk" FOREIGN KEY ("version_approval_approved_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "treatments" ADD CONSTRAINT "treatments_assigned_reviewer_id_users_id_fk" FOREIGN KEY ("assigned_reviewer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "treatments" ADD CONSTRAINT "treatments_approval_approved_by_id_users_id_fk" FOREIGN KEY ("approval_approved_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_treatments_v" ADD CONSTRAINT "_treatments_v_version_assigned_reviewer_id_users_id_fk" FOREIGN KEY ("version_assigned_reviewer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_treatments_v" ADD CONSTRAINT "_treatments_v_version_approval_approved_by_id_users_id_fk" FOREIGN KEY ("version_approval_approved_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "diagnostic_tests" ADD CONSTRAINT "diagnostic_tests_assigned_reviewer_id_users_id_fk" FOREIGN KEY ("assigned_reviewer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "diagnostic_tests" ADD CONSTRAINT "diagnostic_tests_approval_approved_by_id_users_id_fk" FOREIGN KEY ("approval_approved_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_diagnostic_tests_v" ADD CONSTRAINT "_diagnostic_tests_v_version_assigned_reviewer_id_users_id_fk" FOREIGN KEY ("version_assigned_reviewer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_diagnostic_tests_v" ADD CONSTRAINT "_diagnostic_tests_v_version_approval_approved_by_id_users_id_fk" FOREIGN KEY ("version_approval_approved_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "locations" ADD CONSTRAINT "locations_assigned_reviewer_id_users_id_fk" FOREIGN KEY ("assigned_reviewer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "locations" ADD CONSTRAINT "locations_approval_approved_by_id_users_id_fk" FOREIGN KEY ("approval_approved_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "locations_rels" ADD CONSTRAINT "locations_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_locations_v" ADD CONSTRAINT "_locations_v_version_assigned_reviewer_id_users_id_fk" FOREIGN KEY ("version_assigned_reviewer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_locations_v" ADD CONSTRAINT "_locations_v_version_approval_approved_by_id_users_id_fk" FOREIGN KEY ("version_approval_approved_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_locations_v_rels" ADD CONSTRAINT "_locations_v_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_review_events_fk" FOREIGN KEY ("review_events_id") REFERENCES "public"."review_events"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "conditions_review_stage_idx" ON "conditions" USING btree ("review_stage");
  CREATE INDEX "conditions_assigned_reviewer_idx" ON "conditions" USING btree ("assigned_reviewer_id");
  CREATE INDEX "conditions_approval_approval_approved_by_idx" ON "conditions" USING btree ("approval_approved_by_id");
  CREATE INDEX "conditions_next_review_due_idx" ON "conditions" USING btree ("next_review_due");
  CREATE INDEX "conditions_rels_users_id_idx" ON "conditions_rels" USING btree ("users_id");
  CREATE INDEX "_conditions_v_version_version_review_stage_idx" ON "_conditions_v" USING btree ("version_review_stage");
  CREATE INDEX "_conditions_v_version_version_assigned_reviewer_idx" ON "_conditions_v" USING btree ("version_assigned_reviewer_id");
  CREATE INDEX "_conditions_v_version_approval_version_approval_approved_idx" ON "_conditions_v" USING btree ("version_approval_approved_by_id");
  CREATE INDEX "_conditions_v_version_version_next_review_due_idx" ON "_conditions_v" USING btree ("version_next_review_due");
  CREATE INDEX "_conditions_v_rels_users_id_idx" ON "_conditions_v_rels" USING btree ("users_id");
  CREATE INDEX "symptoms_review_stage_idx" ON "symptoms" USING btree ("review_stage");
  CREATE INDEX "symptoms_assigned_reviewer_idx" ON "symptoms" USING btree ("assigned_reviewer_id");
  CREATE INDEX "symptoms_approval_approval_approved_by_idx" ON "symptoms" USING btree ("approval_approved_by_id");
  CREATE INDEX "symptoms_next_review_due_idx" ON "symptoms" USING btree ("next_review_due");
  CREATE INDEX "_symptoms_v_version_version_review_stage_idx" ON "_symptoms_v" USING btree ("version_review_stage");
  CREATE INDEX "_symptoms_v_version_version_assigned_reviewer_idx" ON "_symptoms_v" USING btree ("version_assigned_reviewer_id");
  CREATE INDEX "_symptoms_v_version_approval_version_approval_approved_b_idx" ON "_symptoms_v" USING btree ("version_approval_approved_by_id");
  CREATE INDEX "_symptoms_v_version_version_next_review_due_idx" ON "_symptoms_v" USING btree ("version_next_review_due");
  CREATE INDEX "treatments_review_stage_idx" ON "treatments" USING btree ("review_stage");
  CREATE INDEX "treatments_assigned_reviewer_idx" ON "treatments" USING btree ("assigned_reviewer_id");
  CREATE INDEX "treatments_approval_approval_approved_by_idx" ON "treatments" USING btree ("approval_approved_by_id");
  CREATE INDEX "treatments_next_review_due_idx" ON "treatments" USING btree ("next_review_due");
  CREATE INDEX "_treatments_v_version_version_review_stage_idx" ON "_treatments_v" USING btree ("version_review_stage");
  CREATE INDEX "_treatments_v_version_version_assigned_reviewer_idx" ON "_treatments_v" USING btree ("version_assigned_reviewer_id");
  CREATE INDEX "_treatments_v_version_approval_version_approval_approved_idx" ON "_treatments_v" USING btree ("version_approval_approved_by_id");
  CREATE INDEX "_treatments_v_version_version_next_review_due_idx" ON "_treatments_v" USING btree ("version_next_review_due");
  CREATE INDEX "diagnostic_tests_review_stage_idx" ON "diagnostic_tests" USING btree ("review_stage");
  CREATE INDEX "diagnostic_tests_assigned_reviewer_idx" ON "diagnostic_tests" USING btree ("assigned_reviewer_id");
  CREATE INDEX "diagnostic_tests_approval_approval_approved_by_idx" ON "diagnostic_tests" USING btree ("approval_approved_by_id");
  CREATE INDEX "diagnostic_tests_next_review_due_idx" ON "diagnostic_tests" USING btree ("next_review_due");
  CREATE INDEX "_diagnostic_tests_v_version_version_review_stage_idx" ON "_diagnostic_tests_v" USING btree ("version_review_stage");
  CREATE INDEX "_diagnostic_tests_v_version_version_assigned_reviewer_idx" ON "_diagnostic_tests_v" USING btree ("version_assigned_reviewer_id");
  CREATE INDEX "_diagnostic_tests_v_version_approval_version_approval_ap_idx" ON "_diagnostic_tests_v" USING btree ("version_approval_approved_by_id");
  CREATE INDEX "_diagnostic_tests_v_version_version_next_review_due_idx" ON "_diagnostic_tests_v" USING btree ("version_next_review_due");
  CREATE INDEX "locations_review_stage_idx" ON "locations" USING btree ("review_stage");
  CREATE INDEX "locations_assigned_reviewer_idx" ON "locations" USING btree ("assigned_reviewer_id");
  CREATE INDEX "locations_approval_approval_approved_by_idx" ON "locations" USING btree ("approval_approved_by_id");
  CREATE INDEX "locations_next_review_due_idx" ON "locations" USING btree ("next_review_due");
  CREATE INDEX "locations_rels_users_id_idx" ON "locations_rels" USING btree ("users_id");
  CREATE INDEX "_locations_v_version_version_review_stage_idx" ON "_locations_v" USING btree ("version_review_stage");
  CREATE INDEX "_locations_v_version_version_assigned_reviewer_idx" ON "_locations_v" USING btree ("version_assigned_reviewer_id");
  CREATE INDEX "_locations_v_version_approval_version_approval_approved__idx" ON "_locations_v" USING btree ("version_approval_approved_by_id");
  CREATE INDEX "_locations_v_version_version_next_review_due_idx" ON "_locations_v" USING btree ("version_next_review_due");
  CREATE INDEX "_locations_v_rels_users_id_idx" ON "_locations_v_rels" USING btree ("users_id");
  CREATE INDEX "payload_locked_documents_rels_review_events_id_idx" ON "payload_locked_documents_rels" USING btree ("review_events_id");`)
  // Content published before medical review existed is live: its stage says so.
  await db.execute(sql`UPDATE "conditions" SET "review_stage" = 'published' WHERE "_status" = 'published';`)
  await db.execute(sql`UPDATE "_conditions_v" SET "version_review_stage" = 'published' WHERE "version__status" = 'published';`)
  await db.execute(sql`UPDATE "symptoms" SET "review_stage" = 'published' WHERE "_status" = 'published';`)
  await db.execute(sql`UPDATE "_symptoms_v" SET "version_review_stage" = 'published' WHERE "version__status" = 'published';`)
  await db.execute(sql`UPDATE "treatments" SET "review_stage" = 'published' WHERE "_status" = 'published';`)
  await db.execute(sql`UPDATE "_treatments_v" SET "version_review_stage" = 'published' WHERE "version__status" = 'published';`)
  await db.execute(sql`UPDATE "diagnostic_tests" SET "review_stage" = 'published' WHERE "_status" = 'published';`)
  await db.execute(sql`UPDATE "_diagnostic_tests_v" SET "version_review_stage" = 'published' WHERE "version__status" = 'published';`)
  await db.execute(sql`UPDATE "locations" SET "review_stage" = 'published' WHERE "_status" = 'published';`)
  await db.execute(sql`UPDATE "_locations_v" SET "version_review_stage" = 'published' WHERE "version__status" = 'published';`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "symptoms_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_symptoms_v_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "treatments_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_treatments_v_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "diagnostic_tests_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_diagnostic_tests_v_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "review_events" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "payload_jobs_stats" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "symptoms_rels" CASCADE;
  DROP TABLE "_symptoms_v_rels" CASCADE;
  DROP TABLE "treatments_rels" CASCADE;
  DROP TABLE "_treatments_v_rels" CASCADE;
  DROP TABLE "diagnostic_tests_rels" CASCADE;
  DROP TABLE "_diagnostic_tests_v_rels" CASCADE;
  DROP TABLE "review_events" CASCADE;
  DROP TABLE "payload_jobs_stats" CASCADE;
  ALTER TABLE "conditions" DROP CONSTRAINT "conditions_assigned_reviewer_id_users_id_fk";
  
  ALTER TABLE "conditions" DROP CONSTRAINT "conditions_approval_approved_by_id_users_id_fk";
  
  ALTER TABLE "conditions_rels" DROP CONSTRAINT "conditions_rels_users_fk";
  
  ALTER TABLE "_conditions_v" DROP CONSTRAINT "_conditions_v_version_assigned_reviewer_id_users_id_fk";
  
  ALTER TABLE "_conditions_v" DROP CONSTRAINT "_conditions_v_version_approval_approved_by_id_users_id_fk";
  
  ALTER TABLE "_conditions_v_rels" DROP CONSTRAINT "_conditions_v_rels_users_fk";
  
  ALTER TABLE "symptoms" DROP CONSTRAINT "symptoms_assigned_reviewer_id_users_id_fk";
  
  ALTER TABLE "symptoms" DROP CONSTRAINT "symptoms_approval_approved_by_id_users_id_fk";
  
  ALTER TABLE "_symptoms_v" DROP CONSTRAINT "_symptoms_v_version_assigned_reviewer_id_users_id_fk";
  
  ALTER TABLE "_symptoms_v" DROP CONSTRAINT "_symptoms_v_version_approval_approved_by_id_users_id_fk";
  
  ALTER TABLE "treatments" DROP CONSTRAINT "treatments_assigned_reviewer_id_users_id_fk";
  
  ALTER TABLE "treatments" DROP CONSTRAINT "treatments_approval_approved_by_id_users_id_fk";
  
  ALTER TABLE "_treatments_v" DROP CONSTRAINT "_treatments_v_version_assigned_reviewer_id_users_id_fk";
  
  ALTER TABLE "_treatments_v" DROP CONSTRAINT "_treatments_v_version_approval_approved_by_id_users_id_fk";
  
  ALTER TABLE "diagnostic_tests" DROP CONSTRAINT "diagnostic_tests_assigned_reviewer_id_users_id_fk";
  
  ALTER TABLE "diagnostic_tests" DROP CONSTRAINT "diagnostic_tests_approval_approved_by_id_users_id_fk";
  
  ALTER TABLE "_diagnostic_tests_v" DROP CONSTRAINT "_diagnostic_tests_v_version_assigned_reviewer_id_users_id_fk";
  
  ALTER TABLE "_diagnostic_tests_v" DROP CONSTRAINT "_diagnostic_tests_v_version_approval_approved_by_id_users_id_fk";
  
  ALTER TABLE "locations" DROP CONSTRAINT "locations_assigned_reviewer_id_users_id_fk";
  
  ALTER TABLE "locations" DROP CONSTRAINT "locations_approval_approved_by_id_users_id_fk";
  
  ALTER TABLE "locations_rels" DROP CONSTRAINT "locations_rels_users_fk";
  
  ALTER TABLE "_locations_v" DROP CONSTRAINT "_locations_v_version_assigned_reviewer_id_users_id_fk";
  
  ALTER TABLE "_locations_v" DROP CONSTRAINT "_locations_v_version_approval_approved_by_id_users_id_fk";
  
  ALTER TABLE "_locations_v_rels" DROP CONSTRAINT "_locations_v_rels_users_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_review_events_fk";
  
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'importDocument');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'importDocument');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "conditions_review_stage_idx";
  DROP INDEX "conditions_assigned_reviewer_idx";
  DROP INDEX "conditions_approval_approval_approved_by_idx";
  DROP INDEX "conditions_next_review_due_idx";
  DROP INDEX "conditions_rels_users_id_idx";
  DROP INDEX "_conditions_v_version_version_review_stage_idx";
  DROP INDEX "_conditions_v_version_version_assigned_reviewer_idx";
  DROP INDEX "_conditions_v_version_approval_version_approval_approved_idx";
  DROP INDEX "_conditions_v_version_version_next_review_due_idx";
  DROP INDEX "_conditions_v_rels_users_id_idx";
  DROP INDEX "symptoms_review_stage_idx";
  DROP INDEX "symptoms_assigned_reviewer_idx";
  DROP INDEX "symptoms_approval_approval_approved_by_idx";
  DROP INDEX "symptoms_next_review_due_idx";
  DROP INDEX "_symptoms_v_version_version_review_stage_idx";
  DROP INDEX "_symptoms_v_version_version_assigned_reviewer_idx";
  DROP INDEX "_symptoms_v_version_approval_version_approval_approved_b_idx";
  DROP INDEX "_symptoms_v_version_version_next_review_due_idx";
  DROP INDEX "treatments_review_stage_idx";
  DROP INDEX "treatments_assigned_reviewer_idx";
  DROP INDEX "treatments_approval_approval_approved_by_idx";
  DROP INDEX "treatments_next_review_due_idx";
  DROP INDEX "_treatments_v_version_version_review_stage_idx";
  DROP INDEX "_treatments_v_version_version_assigned_reviewer_idx";
  DROP INDEX "_treatments_v_version_approval_version_approval_approved_idx";
  DROP INDEX "_treatments_v_version_version_next_review_due_idx";
  DROP INDEX "diagnostic_tests_review_stage_idx";
  DROP INDEX "diagnostic_tests_assigned_reviewer_idx";
  DROP INDEX "diagnostic_tests_approval_approval_approved_by_idx";
  DROP INDEX "diagnostic_tests_next_review_due_idx";
  DROP INDEX "_diagnostic_tests_v_version_version_review_stage_idx";
  DROP INDEX "_diagnostic_tests_v_version_version_assigned_reviewer_idx";
  DROP INDEX "_diagnostic_tests_v_version_approval_version_approval_ap_idx";
  DROP INDEX "_diagnostic_tests_v_version_version_next_review_due_idx";
  DROP INDEX "locations_review_stage_idx";
  DROP INDEX "locations_assigned_reviewer_idx";
  DROP INDEX "locations_approval_approval_approved_by_idx";
  DROP INDEX "locations_next_review_due_idx";
  DROP INDEX "locations_rels_users_id_idx";
  DROP INDEX "_locations_v_version_version_review_stage_idx";
  DROP INDEX "_locations_v_version_version_assigned_reviewer_idx";
  DROP INDEX "_locations_v_version_approval_version_approval_approved__idx";
  DROP INDEX "_locations_v_version_version_next_review_due_idx";
  DROP INDEX "_locations_v_rels_users_id_idx";
  DROP INDEX "payload_locked_documents_rels_review_events_id_idx";
  ALTER TABLE "conditions" DROP COLUMN "review_stage";
  ALTER TABLE "conditions" DROP COLUMN "assigned_reviewer_id";
  ALTER TABLE "conditions" DROP COLUMN "revision";
  ALTER TABLE "conditions" DROP COLUMN "approval_approved_by_id";
  ALTER TABLE "conditions" DROP COLUMN "approval_approved_at";
  ALTER TABLE "conditions" DROP COLUMN "approval_revision";
  ALTER TABLE "conditions" DROP COLUMN "reviewed_by_name";
  ALTER TABLE "conditions" DROP COLUMN "reviewed_by_credentials";
  ALTER TABLE "conditions" DROP COLUMN "last_reviewed_at";
  ALTER TABLE "conditions" DROP COLUMN "next_review_due";
  ALTER TABLE "conditions" DROP COLUMN "review_interval_months";
  ALTER TABLE "conditions_rels" DROP COLUMN "users_id";
  ALTER TABLE "_conditions_v" DROP COLUMN "version_review_stage";
  ALTER TABLE "_conditions_v" DROP COLUMN "version_assigned_reviewer_id";
  ALTER TABLE "_conditions_v" DROP COLUMN "version_revision";
  ALTER TABLE "_conditions_v" DROP COLUMN "version_approval_approved_by_id";
  ALTER TABLE "_conditions_v" DROP COLUMN "version_approval_approved_at";
  ALTER TABLE "_conditions_v" DROP COLUMN "version_approval_revision";
  ALTER TABLE "_conditions_v" DROP COLUMN "version_reviewed_by_name";
  ALTER TABLE "_conditions_v" DROP COLUMN "version_reviewed_by_credentials";
  ALTER TABLE "_conditions_v" DROP COLUMN "version_last_reviewed_at";
  ALTER TABLE "_conditions_v" DROP COLUMN "version_next_review_due";
  ALTER TABLE "_conditions_v" DROP COLUMN "version_review_interval_months";
  ALTER TABLE "_conditions_v_rels" DROP COLUMN "users_id";
  ALTER TABLE "symptoms" DROP COLUMN "review_stage";
  ALTER TABLE "symptoms" DROP COLUMN "assigned_reviewer_id";
  ALTER TABLE "symptoms" DROP COLUMN "revision";
  ALTER TABLE "symptoms" DROP COLUMN "approval_approved_by_id";
  ALTER TABLE "symptoms" DROP COLUMN "approval_approved_at";
  ALTER TABLE "symptoms" DROP COLUMN "approval_revision";
  ALTER TABLE "symptoms" DROP COLUMN "reviewed_by_name";
  ALTER TABLE "symptoms" DROP COLUMN "reviewed_by_credentials";
  ALTER TABLE "symptoms" DROP COLUMN "last_reviewed_at";
  ALTER TABLE "symptoms" DROP COLUMN "next_review_due";
  ALTER TABLE "symptoms" DROP COLUMN "review_interval_months";
  ALTER TABLE "_symptoms_v" DROP COLUMN "version_review_stage";
  ALTER TABLE "_symptoms_v" DROP COLUMN "version_assigned_reviewer_id";
  ALTER TABLE "_symptoms_v" DROP COLUMN "version_revision";
  ALTER TABLE "_symptoms_v" DROP COLUMN "version_approval_approved_by_id";
  ALTER TABLE "_symptoms_v" DROP COLUMN "version_approval_approved_at";
  ALTER TABLE "_symptoms_v" DROP COLUMN "version_approval_revision";
  ALTER TABLE "_symptoms_v" DROP COLUMN "version_reviewed_by_name";
  ALTER TABLE "_symptoms_v" DROP COLUMN "version_reviewed_by_credentials";
  ALTER TABLE "_symptoms_v" DROP COLUMN "version_last_reviewed_at";
  ALTER TABLE "_symptoms_v" DROP COLUMN "version_next_review_due";
  ALTER TABLE "_symptoms_v" DROP COLUMN "version_review_interval_months";
  ALTER TABLE "treatments" DROP COLUMN "review_stage";
  ALTER TABLE "treatments" DROP COLUMN "assigned_reviewer_id";
  ALTER TABLE "treatments" DROP COLUMN "revision";
  ALTER TABLE "treatments" DROP COLUMN "approval_approved_by_id";
  ALTER TABLE "treatments" DROP COLUMN "approval_approved_at";
  ALTER TABLE "treatments" DROP COLUMN "approval_revision";
  ALTER TABLE "treatments" DROP COLUMN "reviewed_by_name";
  ALTER TABLE "treatments" DROP COLUMN "reviewed_by_credentials";
  ALTER TABLE "treatments" DROP COLUMN "last_reviewed_at";
  ALTER TABLE "treatments" DROP COLUMN "next_review_due";
  ALTER TABLE "treatments" DROP COLUMN "review_interval_months";
  ALTER TABLE "_treatments_v" DROP COLUMN "version_review_stage";
  ALTER TABLE "_treatments_v" DROP COLUMN "version_assigned_reviewer_id";
  ALTER TABLE "_treatments_v" DROP COLUMN "version_revision";
  ALTER TABLE "_treatments_v" DROP COLUMN "version_approval_approved_by_id";
  ALTER TABLE "_treatments_v" DROP COLUMN "version_approval_approved_at";
  ALTER TABLE "_treatments_v" DROP COLUMN "version_approval_revision";
  ALTER TABLE "_treatments_v" DROP COLUMN "version_reviewed_by_name";
  ALTER TABLE "_treatments_v" DROP COLUMN "version_reviewed_by_credentials";
  ALTER TABLE "_treatments_v" DROP COLUMN "version_last_reviewed_at";
  ALTER TABLE "_treatments_v" DROP COLUMN "version_next_review_due";
  ALTER TABLE "_treatments_v" DROP COLUMN "version_review_interval_months";
  ALTER TABLE "diagnostic_tests" DROP COLUMN "review_stage";
  ALTER TABLE "diagnostic_tests" DROP COLUMN "assigned_reviewer_id";
  ALTER TABLE "diagnostic_tests" DROP COLUMN "revision";
  ALTER TABLE "diagnostic_tests" DROP COLUMN "approval_approved_by_id";
  ALTER TABLE "diagnostic_tests" DROP COLUMN "approval_approved_at";
  ALTER TABLE "diagnostic_tests" DROP COLUMN "approval_revision";
  ALTER TABLE "diagnostic_tests" DROP COLUMN "reviewed_by_name";
  ALTER TABLE "diagnostic_tests" DROP COLUMN "reviewed_by_credentials";
  ALTER TABLE "diagnostic_tests" DROP COLUMN "last_reviewed_at";
  ALTER TABLE "diagnostic_tests" DROP COLUMN "next_review_due";
  ALTER TABLE "diagnostic_tests" DROP COLUMN "review_interval_months";
  ALTER TABLE "_diagnostic_tests_v" DROP COLUMN "version_review_stage";
  ALTER TABLE "_diagnostic_tests_v" DROP COLUMN "version_assigned_reviewer_id";
  ALTER TABLE "_diagnostic_tests_v" DROP COLUMN "version_revision";
  ALTER TABLE "_diagnostic_tests_v" DROP COLUMN "version_approval_approved_by_id";
  ALTER TABLE "_diagnostic_tests_v" DROP COLUMN "version_approval_approved_at";
  ALTER TABLE "_diagnostic_tests_v" DROP COLUMN "version_approval_revision";
  ALTER TABLE "_diagnostic_tests_v" DROP COLUMN "version_reviewed_by_name";
  ALTER TABLE "_diagnostic_tests_v" DROP COLUMN "version_reviewed_by_credentials";
  ALTER TABLE "_diagnostic_tests_v" DROP COLUMN "version_last_reviewed_at";
  ALTER TABLE "_diagnostic_tests_v" DROP COLUMN "version_next_review_due";
  ALTER TABLE "_diagnostic_tests_v" DROP COLUMN "version_review_interval_months";
  ALTER TABLE "locations" DROP COLUMN "review_stage";
  ALTER TABLE "locations" DROP COLUMN "assigned_reviewer_id";
  ALTER TABLE "locations" DROP COLUMN "revision";
  ALTER TABLE "locations" DROP COLUMN "approval_approved_by_id";
  ALTER TABLE "locations" DROP COLUMN "approval_approved_at";
  ALTER TABLE "locations" DROP COLUMN "approval_revision";
  ALTER TABLE "locations" DROP COLUMN "reviewed_by_name";
  ALTER TABLE "locations" DROP COLUMN "reviewed_by_credentials";
  ALTER TABLE "locations" DROP COLUMN "last_reviewed_at";
  ALTER TABLE "locations" DROP COLUMN "next_review_due";
  ALTER TABLE "locations" DROP COLUMN "review_interval_months";
  ALTER TABLE "locations_rels" DROP COLUMN "users_id";
  ALTER TABLE "_locations_v" DROP COLUMN "version_review_stage";
  ALTER TABLE "_locations_v" DROP COLUMN "version_assigned_reviewer_id";
  ALTER TABLE "_locations_v" DROP COLUMN "version_revision";
  ALTER TABLE "_locations_v" DROP COLUMN "version_approval_approved_by_id";
  ALTER TABLE "_locations_v" DROP COLUMN "version_approval_approved_at";
  ALTER TABLE "_locations_v" DROP COLUMN "version_approval_revision";
  ALTER TABLE "_locations_v" DROP COLUMN "version_reviewed_by_name";
  ALTER TABLE "_locations_v" DROP COLUMN "version_reviewed_by_credentials";
  ALTER TABLE "_locations_v" DROP COLUMN "version_last_reviewed_at";
  ALTER TABLE "_locations_v" DROP COLUMN "version_next_review_due";
  ALTER TABLE "_locations_v" DROP COLUMN "version_review_interval_months";
  ALTER TABLE "_locations_v_rels" DROP COLUMN "users_id";
  ALTER TABLE "payload_jobs" DROP COLUMN "meta";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "review_events_id";
  DROP TYPE "public"."enum_conditions_review_stage";
  DROP TYPE "public"."enum__conditions_v_version_review_stage";
  DROP TYPE "public"."enum_symptoms_review_stage";
  DROP TYPE "public"."enum__symptoms_v_version_review_stage";
  DROP TYPE "public"."enum_treatments_review_stage";
  DROP TYPE "public"."enum__treatments_v_version_review_stage";
  DROP TYPE "public"."enum_diagnostic_tests_review_stage";
  DROP TYPE "public"."enum__diagnostic_tests_v_version_review_stage";
  DROP TYPE "public"."enum_locations_review_stage";
  DROP TYPE "public"."enum__locations_v_version_review_stage";
  DROP TYPE "public"."enum_review_events_document_collection";
  DROP TYPE "public"."enum_review_events_action";
  DROP TYPE "public"."enum_review_events_from_stage";
  DROP TYPE "public"."enum_review_events_to_stage";`)
}
