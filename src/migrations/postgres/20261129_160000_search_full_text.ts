import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

// Written by hand: expression indexes for the full-text match in src/search/fullText.ts. The
// expressions must stay exactly as the query writes them, or PostgreSQL will not use them.
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE INDEX "search_index_name_words_idx" ON "search_index" USING gin (to_tsvector('simple', "name_key"));
   CREATE INDEX "search_index_text_words_idx" ON "search_index" USING gin (to_tsvector('simple', "text_key"));`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "search_index_name_words_idx";
   DROP INDEX "search_index_text_words_idx";`)
}
