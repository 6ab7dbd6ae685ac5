import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE INDEX "conditions_alternate_names_locales_parent_idx" ON "conditions_alternate_names_locales" USING btree ("_parent_id");
  CREATE INDEX "conditions_causes_locales_parent_idx" ON "conditions_causes_locales" USING btree ("_parent_id");
  CREATE INDEX "conditions_risk_factors_locales_parent_idx" ON "conditions_risk_factors_locales" USING btree ("_parent_id");
  CREATE INDEX "conditions_locales_parent_idx" ON "conditions_locales" USING btree ("_parent_id");
  CREATE INDEX "_conditions_v_version_alternate_names_locales_parent_idx" ON "_conditions_v_version_alternate_names_locales" USING btree ("_parent_id");
  CREATE INDEX "_conditions_v_version_causes_locales_parent_idx" ON "_conditions_v_version_causes_locales" USING btree ("_parent_id");
  CREATE INDEX "_conditions_v_version_risk_factors_locales_parent_idx" ON "_conditions_v_version_risk_factors_locales" USING btree ("_parent_id");
  CREATE INDEX "_conditions_v_locales_parent_idx" ON "_conditions_v_locales" USING btree ("_parent_id");
  CREATE INDEX "symptoms_locales_parent_idx" ON "symptoms_locales" USING btree ("_parent_id");
  CREATE INDEX "_symptoms_v_locales_parent_idx" ON "_symptoms_v_locales" USING btree ("_parent_id");
  CREATE INDEX "treatments_locales_parent_idx" ON "treatments_locales" USING btree ("_parent_id");
  CREATE INDEX "_treatments_v_locales_parent_idx" ON "_treatments_v_locales" USING btree ("_parent_id");
  CREATE INDEX "diagnostic_tests_locales_parent_idx" ON "diagnostic_tests_locales" USING btree ("_parent_id");
  CREATE INDEX "_diagnostic_tests_v_locales_parent_idx" ON "_diagnostic_tests_v_locales" USING btree ("_parent_id");
  CREATE INDEX "locations_locales_parent_idx" ON "locations_locales" USING btree ("_parent_id");
  CREATE INDEX "_locations_v_locales_parent_idx" ON "_locations_v_locales" USING btree ("_parent_id");
  CREATE INDEX "specialties_locales_parent_idx" ON "specialties_locales" USING btree ("_parent_id");
  CREATE INDEX "media_locales_parent_idx" ON "media_locales" USING btree ("_parent_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "conditions_alternate_names_locales_parent_idx";
  DROP INDEX "conditions_causes_locales_parent_idx";
  DROP INDEX "conditions_risk_factors_locales_parent_idx";
  DROP INDEX "conditions_locales_parent_idx";
  DROP INDEX "_conditions_v_version_alternate_names_locales_parent_idx";
  DROP INDEX "_conditions_v_version_causes_locales_parent_idx";
  DROP INDEX "_conditions_v_version_risk_factors_locales_parent_idx";
  DROP INDEX "_conditions_v_locales_parent_idx";
  DROP INDEX "symptoms_locales_parent_idx";
  DROP INDEX "_symptoms_v_locales_parent_idx";
  DROP INDEX "treatments_locales_parent_idx";
  DROP INDEX "_treatments_v_locales_parent_idx";
  DROP INDEX "diagnostic_tests_locales_parent_idx";
  DROP INDEX "_diagnostic_tests_v_locales_parent_idx";
  DROP INDEX "locations_locales_parent_idx";
  DROP INDEX "_locations_v_locales_parent_idx";
  DROP INDEX "specialties_locales_parent_idx";
  DROP INDEX "media_locales_parent_idx";`)
}
