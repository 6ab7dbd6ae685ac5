import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

import { backfillPageSnapshots } from '../../publication/snapshots'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_page_history_event" AS ENUM('publish', 'unpublish', 'delete', 'rerender');
  CREATE TABLE "published_pages" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"page_collection" varchar NOT NULL,
  	"document_id" varchar NOT NULL,
  	"slug" varchar NOT NULL,
  	"locale" varchar NOT NULL,
  	"name" varchar NOT NULL,
  	"sort_key" varchar NOT NULL,
  	"card" jsonb NOT NULL,
  	"page" jsonb NOT NULL,
  	"version" varchar,
  	"approval" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "published_pages_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
  CREATE TABLE "page_history" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"page_collection" varchar NOT NULL,
  	"document_id" varchar NOT NULL,
  	"slug" varchar NOT NULL,
  	"locale" varchar NOT NULL,
  	"event" "enum_page_history_event" NOT NULL,
  	"cause" jsonb,
  	"page" jsonb,
  	"version" varchar,
  	"approval" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "published_pages_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "page_history_id" integer;
  ALTER TABLE "published_pages_texts" ADD CONSTRAINT "published_pages_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."published_pages"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "published_pages_updated_at_idx" ON "published_pages" USING btree ("updated_at");
  CREATE INDEX "published_pages_created_at_idx" ON "published_pages" USING btree ("created_at");
  CREATE UNIQUE INDEX "pageCollection_slug_locale_idx" ON "published_pages" USING btree ("page_collection","slug","locale");
  CREATE INDEX "pageCollection_locale_sortKey_slug_idx" ON "published_pages" USING btree ("page_collection","locale","sort_key","slug");
  CREATE INDEX "published_pages_texts_order_parent" ON "published_pages_texts" USING btree ("order","parent_id");
  CREATE INDEX "published_pages_texts_text_idx" ON "published_pages_texts" USING btree ("text");
  CREATE INDEX "page_history_updated_at_idx" ON "page_history" USING btree ("updated_at");
  CREATE INDEX "page_history_created_at_idx" ON "page_history" USING btree ("created_at");
  CREATE INDEX "pageCollection_slug_locale_createdAt_idx" ON "page_history" USING btree ("page_collection","slug","locale","created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_published_pages_fk" FOREIGN KEY ("published_pages_id") REFERENCES "public"."published_pages"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_page_history_fk" FOREIGN KEY ("page_history_id") REFERENCES "public"."page_history"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_published_pages_id_idx" ON "payload_locked_documents_rels" USING btree ("published_pages_id");
  CREATE INDEX "payload_locked_documents_rels_page_history_id_idx" ON "payload_locked_documents_rels" USING btree ("page_history_id");`)
  // Content published before snapshots existed gets its pages now, in the migration's transaction.
  await backfillPageSnapshots(payload, req)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "published_pages" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "published_pages_texts" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "page_history" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "published_pages" CASCADE;
  DROP TABLE "published_pages_texts" CASCADE;
  DROP TABLE "page_history" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_published_pages_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_page_history_fk";
  
  DROP INDEX "payload_locked_documents_rels_published_pages_id_idx";
  DROP INDEX "payload_locked_documents_rels_page_history_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "published_pages_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "page_history_id";
  DROP TYPE "public"."enum_page_history_event";`)
}
