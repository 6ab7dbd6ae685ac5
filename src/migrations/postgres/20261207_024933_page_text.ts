import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "published_pages" ADD COLUMN "page_text" varchar;`)
  // Pages published before this migration get their text copy now (as PostgreSQL prints the jsonb;
  // the next publish writes JSON.stringify's). Readers fall back to the jsonb where it is missing.
  await db.execute(sql`UPDATE "published_pages" SET "page_text" = "page"::text;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "published_pages" DROP COLUMN "page_text";`)
}
