import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "conditions" ADD COLUMN "provenance_source_name" varchar;
  ALTER TABLE "conditions" ADD COLUMN "provenance_checksum" varchar;
  ALTER TABLE "conditions" ADD COLUMN "provenance_section" varchar;
  ALTER TABLE "conditions" ADD COLUMN "provenance_imported_at" timestamp(3) with time zone;
  ALTER TABLE "conditions" ADD COLUMN "provenance_content_hash" varchar;
  ALTER TABLE "_conditions_v" ADD COLUMN "version_provenance_source_name" varchar;
  ALTER TABLE "_conditions_v" ADD COLUMN "version_provenance_checksum" varchar;
  ALTER TABLE "_conditions_v" ADD COLUMN "version_provenance_section" varchar;
  ALTER TABLE "_conditions_v" ADD COLUMN "version_provenance_imported_at" timestamp(3) with time zone;
  ALTER TABLE "_conditions_v" ADD COLUMN "version_provenance_content_hash" varchar;
  ALTER TABLE "symptoms" ADD COLUMN "provenance_source_name" varchar;
  ALTER TABLE "symptoms" ADD COLUMN "provenance_checksum" varchar;
  ALTER TABLE "symptoms" ADD COLUMN "provenance_section" varchar;
  ALTER TABLE "symptoms" ADD COLUMN "provenance_imported_at" timestamp(3) with time zone;
  ALTER TABLE "symptoms" ADD COLUMN "provenance_content_hash" varchar;
  ALTER TABLE "_symptoms_v" ADD COLUMN "version_provenance_source_name" varchar;
  ALTER TABLE "_symptoms_v" ADD COLUMN "version_provenance_checksum" varchar;
  ALTER TABLE "_symptoms_v" ADD COLUMN "version_provenance_section" varchar;
  ALTER TABLE "_symptoms_v" ADD COLUMN "version_provenance_imported_at" timestamp(3) with time zone;
  ALTER TABLE "_symptoms_v" ADD COLUMN "version_provenance_content_hash" varchar;
  ALTER TABLE "treatments" ADD COLUMN "provenance_source_name" varchar;
  ALTER TABLE "treatments" ADD COLUMN "provenance_checksum" varchar;
  ALTER TABLE "treatments" ADD COLUMN "provenance_section" varchar;
  ALTER TABLE "treatments" ADD COLUMN "provenance_imported_at" timestamp(3) with time zone;
  ALTER TABLE "treatments" ADD COLUMN "provenance_content_hash" varchar;
  ALTER TABLE "_treatments_v" ADD COLUMN "version_provenance_source_name" varchar;
  ALTER TABLE "_treatments_v" ADD COLUMN "version_provenance_checksum" varchar;
  ALTER TABLE "_treatments_v" ADD COLUMN "version_provenance_section" varchar;
  ALTER TABLE "_treatments_v" ADD COLUMN "version_provenance_imported_at" timestamp(3) with time zone;
  ALTER TABLE "_treatments_v" ADD COLUMN "version_provenance_content_hash" varchar;
  ALTER TABLE "diagnostic_tests" ADD COLUMN "provenance_source_name" varchar;
  ALTER TABLE "diagnostic_tests" ADD COLUMN "provenance_checksum" varchar;
  ALTER TABLE "diagnostic_tests" ADD COLUMN "provenance_section" varchar;
  ALTER TABLE "diagnostic_tests" ADD COLUMN "provenance_imported_at" timestamp(3) with time zone;
  ALTER TABLE "diagnostic_tests" ADD COLUMN "provenance_content_hash" varchar;
  ALTER TABLE "_diagnostic_tests_v" ADD COLUMN "version_provenance_source_name" varchar;
  ALTER TABLE "_diagnostic_tests_v" ADD COLUMN "version_provenance_checksum" varchar;
  ALTER TABLE "_diagnostic_tests_v" ADD COLUMN "version_provenance_section" varchar;
  ALTER TABLE "_diagnostic_tests_v" ADD COLUMN "version_provenance_imported_at" timestamp(3) with time zone;
  ALTER TABLE "_diagnostic_tests_v" ADD COLUMN "version_provenance_content_hash" varchar;
  ALTER TABLE "specialties" ADD COLUMN "provenance_source_name" varchar;
  ALTER TABLE "specialties" ADD COLUMN "provenance_checksum" varchar;
  ALTER TABLE "specialties" ADD COLUMN "provenance_section" varchar;
  ALTER TABLE "specialties" ADD COLUMN "provenance_imported_at" timestamp(3) with time zone;
  ALTER TABLE "specialties" ADD COLUMN "provenance_content_hash" varchar;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "conditions" DROP COLUMN "provenance_source_name";
  ALTER TABLE "conditions" DROP COLUMN "provenance_checksum";
  ALTER TABLE "conditions" DROP COLUMN "provenance_section";
  ALTER TABLE "conditions" DROP COLUMN "provenance_imported_at";
  ALTER TABLE "conditions" DROP COLUMN "provenance_content_hash";
  ALTER TABLE "_conditions_v" DROP COLUMN "version_provenance_source_name";
  ALTER TABLE "_conditions_v" DROP COLUMN "version_provenance_checksum";
  ALTER TABLE "_conditions_v" DROP COLUMN "version_provenance_section";
  ALTER TABLE "_conditions_v" DROP COLUMN "version_provenance_imported_at";
  ALTER TABLE "_conditions_v" DROP COLUMN "version_provenance_content_hash";
  ALTER TABLE "symptoms" DROP COLUMN "provenance_source_name";
  ALTER TABLE "symptoms" DROP COLUMN "provenance_checksum";
  ALTER TABLE "symptoms" DROP COLUMN "provenance_section";
  ALTER TABLE "symptoms" DROP COLUMN "provenance_imported_at";
  ALTER TABLE "symptoms" DROP COLUMN "provenance_content_hash";
  ALTER TABLE "_symptoms_v" DROP COLUMN "version_provenance_source_name";
  ALTER TABLE "_symptoms_v" DROP COLUMN "version_provenance_checksum";
  ALTER TABLE "_symptoms_v" DROP COLUMN "version_provenance_section";
  ALTER TABLE "_symptoms_v" DROP COLUMN "version_provenance_imported_at";
  ALTER TABLE "_symptoms_v" DROP COLUMN "version_provenance_content_hash";
  ALTER TABLE "treatments" DROP COLUMN "provenance_source_name";
  ALTER TABLE "treatments" DROP COLUMN "provenance_checksum";
  ALTER TABLE "treatments" DROP COLUMN "provenance_section";
  ALTER TABLE "treatments" DROP COLUMN "provenance_imported_at";
  ALTER TABLE "treatments" DROP COLUMN "provenance_content_hash";
  ALTER TABLE "_treatments_v" DROP COLUMN "version_provenance_source_name";
  ALTER TABLE "_treatments_v" DROP COLUMN "version_provenance_checksum";
  ALTER TABLE "_treatments_v" DROP COLUMN "version_provenance_section";
  ALTER TABLE "_treatments_v" DROP COLUMN "version_provenance_imported_at";
  ALTER TABLE "_treatments_v" DROP COLUMN "version_provenance_content_hash";
  ALTER TABLE "diagnostic_tests" DROP COLUMN "provenance_source_name";
  ALTER TABLE "diagnostic_tests" DROP COLUMN "provenance_checksum";
  ALTER TABLE "diagnostic_tests" DROP COLUMN "provenance_section";
  ALTER TABLE "diagnostic_tests" DROP COLUMN "provenance_imported_at";
  ALTER TABLE "diagnostic_tests" DROP COLUMN "provenance_content_hash";
  ALTER TABLE "_diagnostic_tests_v" DROP COLUMN "version_provenance_source_name";
  ALTER TABLE "_diagnostic_tests_v" DROP COLUMN "version_provenance_checksum";
  ALTER TABLE "_diagnostic_tests_v" DROP COLUMN "version_provenance_section";
  ALTER TABLE "_diagnostic_tests_v" DROP COLUMN "version_provenance_imported_at";
  ALTER TABLE "_diagnostic_tests_v" DROP COLUMN "version_provenance_content_hash";
  ALTER TABLE "specialties" DROP COLUMN "provenance_source_name";
  ALTER TABLE "specialties" DROP COLUMN "provenance_checksum";
  ALTER TABLE "specialties" DROP COLUMN "provenance_section";
  ALTER TABLE "specialties" DROP COLUMN "provenance_imported_at";
  ALTER TABLE "specialties" DROP COLUMN "provenance_content_hash";`)
}
