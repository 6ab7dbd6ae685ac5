import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

// Written by hand: an FTS5 table is outside Drizzle's schema. It indexes the words of the search
// index's folded keys (src/search/fullText.ts) and stores no copy of them (external content);
// the triggers keep it in step with every write to search_index, however it is made.
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE VIRTUAL TABLE \`search_index_fts\` USING fts5(\`name_key\`, \`text_key\`, content='search_index', content_rowid='id');`)
  await db.run(sql`CREATE TRIGGER \`search_index_fts_after_insert\` AFTER INSERT ON \`search_index\` BEGIN
    INSERT INTO \`search_index_fts\` (rowid, \`name_key\`, \`text_key\`) VALUES (new.\`id\`, new.\`name_key\`, new.\`text_key\`);
  END;`)
  await db.run(sql`CREATE TRIGGER \`search_index_fts_after_delete\` AFTER DELETE ON \`search_index\` BEGIN
    INSERT INTO \`search_index_fts\` (\`search_index_fts\`, rowid, \`name_key\`, \`text_key\`) VALUES ('delete', old.\`id\`, old.\`name_key\`, old.\`text_key\`);
  END;`)
  await db.run(sql`CREATE TRIGGER \`search_index_fts_after_update\` AFTER UPDATE ON \`search_index\` BEGIN
    INSERT INTO \`search_index_fts\` (\`search_index_fts\`, rowid, \`name_key\`, \`text_key\`) VALUES ('delete', old.\`id\`, old.\`name_key\`, old.\`text_key\`);
    INSERT INTO \`search_index_fts\` (rowid, \`name_key\`, \`text_key\`) VALUES (new.\`id\`, new.\`name_key\`, new.\`text_key\`);
  END;`)
  // Entries written before this migration.
  await db.run(sql`INSERT INTO \`search_index_fts\` (\`search_index_fts\`) VALUES ('rebuild');`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TRIGGER \`search_index_fts_after_update\`;`)
  await db.run(sql`DROP TRIGGER \`search_index_fts_after_delete\`;`)
  await db.run(sql`DROP TRIGGER \`search_index_fts_after_insert\`;`)
  await db.run(sql`DROP TABLE \`search_index_fts\`;`)
}
