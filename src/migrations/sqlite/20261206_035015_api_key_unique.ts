import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

// No two accounts may share an API key (collections/Users/apiKeys.ts). Keys two accounts already
// share were chosen by a client, and which account holds it rightfully cannot be told: both are
// revoked (the accounts' owners generate new ones) before the unique index is made.
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.run(sql`UPDATE \`users\` SET \`api_key\` = NULL, \`api_key_index\` = NULL, \`enable_a_p_i_key\` = 0
    WHERE \`api_key_index\` IN (SELECT \`api_key_index\` FROM \`users\` WHERE \`api_key_index\` IS NOT NULL GROUP BY \`api_key_index\` HAVING count(*) > 1);`)
  await db.run(sql`CREATE UNIQUE INDEX \`users_api_key_index_idx\` ON \`users\` (\`api_key_index\`);`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`users_api_key_index_idx\`;`)
}
