import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

// Written by hand, like search_full_text: the vocabulary of the search index, every lexeme of
// to_tsvector('simple', key) (the GIN indexes' own tokens), so src/search/fullText.ts can spell a
// word prefix out into the words it stands for. The trigger keeps it in step with every write to
// search_index, however it is made. Words of deleted entries stay (a word that matches nothing
// costs nothing).
//
// No unique constraint, on purpose: two transactions adding the same new word would otherwise
// wait on each other's row lock (and could deadlock, adding two words in opposite orders). A
// word already present is skipped; a rare duplicate from a race is harmless (readers use
// DISTINCT). "C" collation: byte order, so a prefix is a range of the index.
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "search_terms" ("term" text COLLATE "C" NOT NULL);
   CREATE INDEX "search_terms_term_idx" ON "search_terms" ("term");
   CREATE FUNCTION "search_terms_collect"() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO "search_terms" ("term")
       SELECT w.lexeme FROM unnest(to_tsvector('simple', coalesce(NEW."name_key", '') || ' ' || coalesce(NEW."text_key", ''))) AS w
       WHERE NOT EXISTS (SELECT 1 FROM "search_terms" t WHERE t."term" = w.lexeme);
     RETURN NULL;
   END $$;
   CREATE TRIGGER "search_terms_collect" AFTER INSERT OR UPDATE OF "name_key", "text_key" ON "search_index"
     FOR EACH ROW EXECUTE FUNCTION "search_terms_collect"();
   INSERT INTO "search_terms" ("term")
     SELECT DISTINCT w.lexeme FROM "search_index" s, unnest(to_tsvector('simple', coalesce(s."name_key", '') || ' ' || coalesce(s."text_key", ''))) AS w;`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TRIGGER "search_terms_collect" ON "search_index";
   DROP FUNCTION "search_terms_collect"();
   DROP TABLE "search_terms";`)
}
