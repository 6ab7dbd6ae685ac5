import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_review_bundles_members_document_collection" AS ENUM('conditions', 'symptoms', 'treatments', 'diagnostic-tests', 'locations');
  CREATE TYPE "public"."enum_review_bundles_root_collection" AS ENUM('conditions', 'symptoms', 'treatments', 'diagnostic-tests', 'locations');
  CREATE TABLE "review_bundles_members" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"document_collection" "enum_review_bundles_members_document_collection" NOT NULL,
  	"document_id" varchar NOT NULL,
  	"title" varchar
  );
  
  CREATE TABLE "review_bundles" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"root_key" varchar NOT NULL,
  	"root_collection" "enum_review_bundles_root_collection" NOT NULL,
  	"root_id" varchar NOT NULL,
  	"root_title" varchar,
  	"submitted_by_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "imports" ADD COLUMN "reviewer_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "review_bundles_id" integer;
  ALTER TABLE "review_bundles_members" ADD CONSTRAINT "review_bundles_members_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."review_bundles"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "review_bundles" ADD CONSTRAINT "review_bundles_submitted_by_id_users_id_fk" FOREIGN KEY ("submitted_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "review_bundles_members_order_idx" ON "review_bundles_members" USING btree ("_order");
  CREATE INDEX "review_bundles_members_parent_id_idx" ON "review_bundles_members" USING btree ("_parent_id");
  CREATE UNIQUE INDEX "review_bundles_root_key_idx" ON "review_bundles" USING btree ("root_key");
  CREATE INDEX "review_bundles_submitted_by_idx" ON "review_bundles" USING btree ("submitted_by_id");
  CREATE INDEX "review_bundles_updated_at_idx" ON "review_bundles" USING btree ("updated_at");
  CREATE INDEX "review_bundles_created_at_idx" ON "review_bundles" USING btree ("created_at");
  ALTER TABLE "imports" ADD CONSTRAINT "imports_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_review_bundles_fk" FOREIGN KEY ("review_bundles_id") REFERENCES "public"."review_bundles"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "imports_reviewer_idx" ON "imports" USING btree ("reviewer_id");
  CREATE INDEX "payload_locked_documents_rels_review_bundles_id_idx" ON "payload_locked_documents_rels" USING btree ("review_bundles_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "review_bundles_members" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "review_bundles" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "review_bundles_members" CASCADE;
  DROP TABLE "review_bundles" CASCADE;
  ALTER TABLE "imports" DROP CONSTRAINT "imports_reviewer_id_users_id_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_review_bundles_fk";
  
  DROP INDEX "imports_reviewer_idx";
  DROP INDEX "payload_locked_documents_rels_review_bundles_id_idx";
  ALTER TABLE "imports" DROP COLUMN "reviewer_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "review_bundles_id";
  DROP TYPE "public"."enum_review_bundles_members_document_collection";
  DROP TYPE "public"."enum_review_bundles_root_collection";`)
}
