import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

// Written by hand, like search_full_text: the vocabulary of the search index, every word that
// occurs in a folded key, so src/search/fullText.ts can spell a word prefix out into the words it
// stands for. The triggers keep it in step with every write to search_index, however it is made.
// Words of deleted entries stay (a word that matches nothing costs nothing); it only grows.
//
// The keys are folded to words of a-z and 0-9 separated by spaces (src/search/text.ts), the same
// tokens FTS5's unicode61 tokenizer finds in them, so splitting at spaces gives its vocabulary. A
// key that is not valid as a JSON array when spaces become separators (it cannot be, folded) adds
// no words instead of failing the write.
const WORDS = (row: 'new' | 'search_index') => {
  const list = `'["' || replace(coalesce(${row}.name_key, '') || ' ' || coalesce(${row}.text_key, ''), ' ', '","') || '"]'`
  return `json_each(case when json_valid(${list}) then ${list} else '[]' end)`
}

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`search_terms\` (\`term\` text PRIMARY KEY NOT NULL) WITHOUT ROWID;`)
  for (const event of ['INSERT', 'UPDATE OF `name_key`, `text_key`']) {
    const name = event === 'INSERT' ? 'search_terms_after_insert' : 'search_terms_after_update'
    await db.run(
      sql.raw(`CREATE TRIGGER \`${name}\` AFTER ${event} ON \`search_index\` BEGIN
    INSERT OR IGNORE INTO \`search_terms\` (\`term\`) SELECT value FROM ${WORDS('new')} WHERE value <> '';
  END;`),
    )
  }
  // Entries written before this migration.
  await db.run(sql.raw(`INSERT OR IGNORE INTO \`search_terms\` (\`term\`) SELECT value FROM \`search_index\`, ${WORDS('search_index')} WHERE value <> '';`))
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TRIGGER \`search_terms_after_update\`;`)
  await db.run(sql`DROP TRIGGER \`search_terms_after_insert\`;`)
  await db.run(sql`DROP TABLE \`search_terms\`;`)
}
