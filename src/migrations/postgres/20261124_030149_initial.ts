import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."_locales" AS ENUM('en', 'es');
  CREATE TYPE "public"."enum_conditions_symptoms_group" AS ENUM('pain', 'sensory', 'motor', 'other');
  CREATE TYPE "public"."enum_conditions_codes_system" AS ENUM('ICD-10-CM', 'SNOMED-CT');
  CREATE TYPE "public"."enum_conditions_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum__conditions_v_version_symptoms_group" AS ENUM('pain', 'sensory', 'motor', 'other');
  CREATE TYPE "public"."enum__conditions_v_version_codes_system" AS ENUM('ICD-10-CM', 'SNOMED-CT');
  CREATE TYPE "public"."enum__conditions_v_version_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum__conditions_v_published_locale" AS ENUM('en', 'es');
  CREATE TYPE "public"."enum_symptoms_codes_system" AS ENUM('ICD-10-CM', 'SNOMED-CT');
  CREATE TYPE "public"."enum_symptoms_category" AS ENUM('pain', 'sensory', 'motor', 'skin', 'mood-sleep', 'general');
  CREATE TYPE "public"."enum_symptoms_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum__symptoms_v_version_codes_system" AS ENUM('ICD-10-CM', 'SNOMED-CT');
  CREATE TYPE "public"."enum__symptoms_v_version_category" AS ENUM('pain', 'sensory', 'motor', 'skin', 'mood-sleep', 'general');
  CREATE TYPE "public"."enum__symptoms_v_version_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum__symptoms_v_published_locale" AS ENUM('en', 'es');
  CREATE TYPE "public"."enum_treatments_codes_system" AS ENUM('ICD-10-CM', 'SNOMED-CT');
  CREATE TYPE "public"."enum_treatments_kind" AS ENUM('medication', 'therapy', 'procedure', 'surgery', 'lifestyle');
  CREATE TYPE "public"."enum_treatments_invasiveness" AS ENUM('nonsurgical', 'surgical');
  CREATE TYPE "public"."enum_treatments_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum__treatments_v_version_codes_system" AS ENUM('ICD-10-CM', 'SNOMED-CT');
  CREATE TYPE "public"."enum__treatments_v_version_kind" AS ENUM('medication', 'therapy', 'procedure', 'surgery', 'lifestyle');
  CREATE TYPE "public"."enum__treatments_v_version_invasiveness" AS ENUM('nonsurgical', 'surgical');
  CREATE TYPE "public"."enum__treatments_v_version_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum__treatments_v_published_locale" AS ENUM('en', 'es');
  CREATE TYPE "public"."enum_diagnostic_tests_codes_system" AS ENUM('ICD-10-CM', 'SNOMED-CT');
  CREATE TYPE "public"."enum_diagnostic_tests_kind" AS ENUM('history', 'physical-exam', 'blood-test', 'imaging', 'nerve-function', 'other');
  CREATE TYPE "public"."enum_diagnostic_tests_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum__diagnostic_tests_v_version_codes_system" AS ENUM('ICD-10-CM', 'SNOMED-CT');
  CREATE TYPE "public"."enum__diagnostic_tests_v_version_kind" AS ENUM('history', 'physical-exam', 'blood-test', 'imaging', 'nerve-function', 'other');
  CREATE TYPE "public"."enum__diagnostic_tests_v_version_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum__diagnostic_tests_v_published_locale" AS ENUM('en', 'es');
  CREATE TYPE "public"."enum_locations_opening_hours_days" AS ENUM('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun');
  CREATE TYPE "public"."enum_locations_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum__locations_v_version_opening_hours_days" AS ENUM('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun');
  CREATE TYPE "public"."enum__locations_v_version_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum__locations_v_published_locale" AS ENUM('en', 'es');
  CREATE TYPE "public"."enum_users_role" AS ENUM('admin', 'reviewer', 'editor', 'reader');
  CREATE TABLE "conditions_alternate_names" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "conditions_alternate_names_locales" (
  	"name" varchar,
  	"id" serial PRIMARY KEY NOT NULL,
  	"_locale" "_locales" NOT NULL,
  	"_parent_id" varchar NOT NULL
  );
  
  CREATE TABLE "conditions_causes" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"condition_id" integer
  );
  
  CREATE TABLE "conditions_causes_locales" (
  	"name" varchar,
  	"description" varchar,
  	"id" serial PRIMARY KEY NOT NULL,
  	"_locale" "_locales" NOT NULL,
  	"_parent_id" varchar NOT NULL
  );
  
  CREATE TABLE "conditions_risk_factors" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"modifiable" boolean DEFAULT false
  );
  
  CREATE TABLE "conditions_risk_factors_locales" (
  	"name" varchar,
  	"description" varchar,
  	"id" serial PRIMARY KEY NOT NULL,
  	"_locale" "_locales" NOT NULL,
  	"_parent_id" varchar NOT NULL
  );
  
  CREATE TABLE "conditions_symptoms" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"symptom_id" integer,
  	"group" "enum_conditions_symptoms_group" DEFAULT 'other'
  );
  
  CREATE TABLE "conditions_codes" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"system" "enum_conditions_codes_system",
  	"code" varchar
  );
  
  CREATE TABLE "conditions" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"slug" varchar,
  	"parent_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"_status" "enum_conditions_status" DEFAULT 'draft'
  );
  
  CREATE TABLE "conditions_locales" (
  	"name" varchar,
  	"summary" varchar,
  	"description" jsonb,
  	"prognosis" jsonb,
  	"id" serial PRIMARY KEY NOT NULL,
  	"_locale" "_locales" NOT NULL,
  	"_parent_id" integer NOT NULL
  );
  
  CREATE TABLE "conditions_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"diagnostic_tests_id" integer,
  	"treatments_id" integer,
  	"specialties_id" integer,
  	"references_id" integer
  );
  
  CREATE TABLE "_conditions_v_version_alternate_names" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" serial PRIMARY KEY NOT NULL,
  	"_uuid" varchar
  );
  
  CREATE TABLE "_conditions_v_version_alternate_names_locales" (
  	"name" varchar,
  	"id" serial PRIMARY KEY NOT NULL,
  	"_locale" "_locales" NOT NULL,
  	"_parent_id" integer NOT NULL
  );
  
  CREATE TABLE "_conditions_v_version_causes" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" serial PRIMARY KEY NOT NULL,
  	"condition_id" integer,
  	"_uuid" varchar
  );
  
  CREATE TABLE "_conditions_v_version_causes_locales" (
  	"name" varchar,
  	"description" varchar,
  	"id" serial PRIMARY KEY NOT NULL,
  	"_locale" "_locales" NOT NULL,
  	"_parent_id" integer NOT NULL
  );
  
  CREATE TABLE "_conditions_v_version_risk_factors" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" serial PRIMARY KEY NOT NULL,
  	"modifiable" boolean DEFAULT false,
  	"_uuid" varchar
  );
  
  CREATE TABLE "_conditions_v_version_risk_factors_locales" (
  	"name" varchar,
  	"description" varchar,
  	"id" serial PRIMARY KEY NOT NULL,
  	"_locale" "_locales" NOT NULL,
  	"_parent_id" integer NOT NULL
  );
  
  CREATE TABLE "_conditions_v_version_symptoms" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" serial PRIMARY KEY NOT NULL,
  	"symptom_id" integer,
  	"group" "enum__conditions_v_version_symptoms_group" DEFAULT 'other',
  	"_uuid" varchar
  );
  
  CREATE TABLE "_conditions_v_version_codes" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" serial PRIMARY KEY NOT NULL,
  	"system" "enum__conditions_v_version_codes_system",
  	"code" varchar,
  	"_uuid" varchar
  );
  
  CREATE TABLE "_conditions_v" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"parent_id" integer,
  	"version_slug" varchar,
  	"version_parent_id" integer,
  	"version_updated_at" timestamp(3) with time zone,
  	"version_created_at" timestamp(3) with time zone,
  	"version__status" "enum__conditions_v_version_status" DEFAULT 'draft',
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"snapshot" boolean,
  	"published_locale" "enum__conditions_v_published_locale",
  	"latest" boolean
  );
  
  CREATE TABLE "_conditions_v_locales" (
  	"version_name" varchar,
  	"version_summary" varchar,
  	"version_description" jsonb,
  	"version_prognosis" jsonb,
  	"id" serial PRIMARY KEY NOT NULL,
  	"_locale" "_locales" NOT NULL,
  	"_parent_id" integer NOT NULL
  );
  
  CREATE TABLE "_conditions_v_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"diagnostic_tests_id" integer,
  	"treatments_id" integer,
  	"specialties_id" integer,
  	"references_id" integer
  );
  
  CREATE TABLE "symptoms_codes" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"system" "enum_symptoms_codes_system",
  	"code" varchar
  );
  
  CREATE TABLE "symptoms" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"slug" varchar,
  	"category" "enum_symptoms_category" DEFAULT 'general',
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"_status" "enum_symptoms_status" DEFAULT 'draft'
  );
  
  CREATE TABLE "symptoms_locales" (
  	"name" varchar,
  	"summary" varchar,
  	"description" jsonb,
  	"id" serial PRIMARY KEY NOT NULL,
  	"_locale" "_locales" NOT NULL,
  	"_parent_id" integer NOT NULL
  );
  
  CREATE TABLE "_symptoms_v_version_codes" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" serial PRIMARY KEY NOT NULL,
  	"system" "enum__symptoms_v_version_codes_system",
  	"code" varchar,
  	"_uuid" varchar
  );
  
  CREATE TABLE "_symptoms_v" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"parent_id" integer,
  	"version_slug" varchar,
  	"version_category" "enum__symptoms_v_version_category" DEFAULT 'general',
  	"version_updated_at" timestamp(3) with time zone,
  	"version_created_at" timestamp(3) with time zone,
  	"version__status" "enum__symptoms_v_version_status" DEFAULT 'draft',
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"snapshot" boolean,
  	"published_locale" "enum__symptoms_v_published_locale",
  	"latest" boolean
  );
  
  CREATE TABLE "_symptoms_v_locales" (
  	"version_name" varchar,
  	"version_summary" varchar,
  	"version_description" jsonb,
  	"id" serial PRIMARY KEY NOT NULL,
  	"_locale" "_locales" NOT NULL,
  	"_parent_id" integer NOT NULL
  );
  
  CREATE TABLE "treatments_codes" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"system" "enum_treatments_codes_system",
  	"code" varchar
  );
  
  CREATE TABLE "treatments" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"slug" varchar,
  	"kind" "enum_treatments_kind",
  	"invasiveness" "enum_treatments_invasiveness" DEFAULT 'nonsurgical',
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"_status" "enum_treatments_status" DEFAULT 'draft'
  );
  
  CREATE TABLE "treatments_locales" (
  	"name" varchar,
  	"summary" varchar,
  	"description" jsonb,
  	"id" serial PRIMARY KEY NOT NULL,
  	"_locale" "_locales" NOT NULL,
  	"_parent_id" integer NOT NULL
  );
  
  CREATE TABLE "_treatments_v_version_codes" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" serial PRIMARY KEY NOT NULL,
  	"system" "enum__treatments_v_version_codes_system",
  	"code" varchar,
  	"_uuid" varchar
  );
  
  CREATE TABLE "_treatments_v" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"parent_id" integer,
  	"version_slug" varchar,
  	"version_kind" "enum__treatments_v_version_kind",
  	"version_invasiveness" "enum__treatments_v_version_invasiveness" DEFAULT 'nonsurgical',
  	"version_updated_at" timestamp(3) with time zone,
  	"version_created_at" timestamp(3) with time zone,
  	"version__status" "enum__treatments_v_version_status" DEFAULT 'draft',
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"snapshot" boolean,
  	"published_locale" "enum__treatments_v_published_locale",
  	"latest" boolean
  );
  
  CREATE TABLE "_treatments_v_locales" (
  	"version_name" varchar,
  	"version_summary" varchar,
  	"version_description" jsonb,
  	"id" serial PRIMARY KEY NOT NULL,
  	"_locale" "_locales" NOT NULL,
  	"_parent_id" integer NOT NULL
  );
  
  CREATE TABLE "diagnostic_tests_codes" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"system" "enum_diagnostic_tests_codes_system",
  	"code" varchar
  );
  
  CREATE TABLE "diagnostic_tests" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"slug" varchar,
  	"kind" "enum_diagnostic_tests_kind",
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"_status" "enum_diagnostic_tests_status" DEFAULT 'draft'
  );
  
  CREATE TABLE "diagnostic_tests_locales" (
  	"name" varchar,
  	"summary" varchar,
  	"detects" varchar,
  	"description" jsonb,
  	"id" serial PRIMARY KEY NOT NULL,
  	"_locale" "_locales" NOT NULL,
  	"_parent_id" integer NOT NULL
  );
  
  CREATE TABLE "_diagnostic_tests_v_version_codes" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" serial PRIMARY KEY NOT NULL,
  	"system" "enum__diagnostic_tests_v_version_codes_system",
  	"code" varchar,
  	"_uuid" varchar
  );
  
  CREATE TABLE "_diagnostic_tests_v" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"parent_id" integer,
  	"version_slug" varchar,
  	"version_kind" "enum__diagnostic_tests_v_version_kind",
  	"version_updated_at" timestamp(3) with time zone,
  	"version_created_at" timestamp(3) with time zone,
  	"version__status" "enum__diagnostic_tests_v_version_status" DEFAULT 'draft',
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"snapshot" boolean,
  	"published_locale" "enum__diagnostic_tests_v_published_locale",
  	"latest" boolean
  );
  
  CREATE TABLE "_diagnostic_tests_v_locales" (
  	"version_name" varchar,
  	"version_summary" varchar,
  	"version_detects" varchar,
  	"version_description" jsonb,
  	"id" serial PRIMARY KEY NOT NULL,
  	"_locale" "_locales" NOT NULL,
  	"_parent_id" integer NOT NULL
  );
  
  CREATE TABLE "locations_opening_hours_days" (
  	"order" integer NOT NULL,
  	"parent_id" varchar NOT NULL,
  	"value" "enum_locations_opening_hours_days",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "locations_opening_hours" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"opens" varchar,
  	"closes" varchar
  );
  
  CREATE TABLE "locations" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"slug" varchar,
  	"address_street" varchar,
  	"address_city" varchar,
  	"address_region" varchar,
  	"address_postal_code" varchar,
  	"address_country" varchar DEFAULT 'US',
  	"latitude" numeric,
  	"longitude" numeric,
  	"phone" varchar,
  	"website" varchar,
  	"accepting_new_patients" boolean DEFAULT true,
  	"is_sample_data" boolean DEFAULT false,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"_status" "enum_locations_status" DEFAULT 'draft'
  );
  
  CREATE TABLE "locations_locales" (
  	"name" varchar,
  	"summary" varchar,
  	"id" serial PRIMARY KEY NOT NULL,
  	"_locale" "_locales" NOT NULL,
  	"_parent_id" integer NOT NULL
  );
  
  CREATE TABLE "locations_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"specialties_id" integer,
  	"conditions_id" integer,
  	"treatments_id" integer
  );
  
  CREATE TABLE "_locations_v_version_opening_hours_days" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum__locations_v_version_opening_hours_days",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "_locations_v_version_opening_hours" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" serial PRIMARY KEY NOT NULL,
  	"opens" varchar,
  	"closes" varchar,
  	"_uuid" varchar
  );
  
  CREATE TABLE "_locations_v" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"parent_id" integer,
  	"version_slug" varchar,
  	"version_address_street" varchar,
  	"version_address_city" varchar,
  	"version_address_region" varchar,
  	"version_address_postal_code" varchar,
  	"version_address_country" varchar DEFAULT 'US',
  	"version_latitude" numeric,
  	"version_longitude" numeric,
  	"version_phone" varchar,
  	"version_website" varchar,
  	"version_accepting_new_patients" boolean DEFAULT true,
  	"version_is_sample_data" boolean DEFAULT false,
  	"version_updated_at" timestamp(3) with time zone,
  	"version_created_at" timestamp(3) with time zone,
  	"version__status" "enum__locations_v_version_status" DEFAULT 'draft',
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"snapshot" boolean,
  	"published_locale" "enum__locations_v_published_locale",
  	"latest" boolean
  );
  
  CREATE TABLE "_locations_v_locales" (
  	"version_name" varchar,
  	"version_summary" varchar,
  	"id" serial PRIMARY KEY NOT NULL,
  	"_locale" "_locales" NOT NULL,
  	"_parent_id" integer NOT NULL
  );
  
  CREATE TABLE "_locations_v_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"specialties_id" integer,
  	"conditions_id" integer,
  	"treatments_id" integer
  );
  
  CREATE TABLE "specialties" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"slug" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "specialties_locales" (
  	"name" varchar NOT NULL,
  	"summary" varchar,
  	"id" serial PRIMARY KEY NOT NULL,
  	"_locale" "_locales" NOT NULL,
  	"_parent_id" integer NOT NULL
  );
  
  CREATE TABLE "references" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar NOT NULL,
  	"publisher" varchar,
  	"url" varchar,
  	"doi" varchar,
  	"pmid" varchar,
  	"accessed_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "media" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"credit" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"url" varchar,
  	"thumbnail_u_r_l" varchar,
  	"filename" varchar,
  	"mime_type" varchar,
  	"filesize" numeric,
  	"width" numeric,
  	"height" numeric,
  	"focal_x" numeric,
  	"focal_y" numeric
  );
  
  CREATE TABLE "media_locales" (
  	"alt" varchar NOT NULL,
  	"id" serial PRIMARY KEY NOT NULL,
  	"_locale" "_locales" NOT NULL,
  	"_parent_id" integer NOT NULL
  );
  
  CREATE TABLE "users_sessions" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"created_at" timestamp(3) with time zone,
  	"expires_at" timestamp(3) with time zone NOT NULL
  );
  
  CREATE TABLE "users" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"credentials" varchar,
  	"role" "enum_users_role" DEFAULT 'editor' NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"enable_a_p_i_key" boolean,
  	"api_key" varchar,
  	"api_key_index" varchar,
  	"email" varchar NOT NULL,
  	"reset_password_token" varchar,
  	"reset_password_expiration" timestamp(3) with time zone,
  	"salt" varchar,
  	"hash" varchar,
  	"reset_password_requested_at" timestamp(3) with time zone,
  	"login_attempts" numeric DEFAULT 0,
  	"lock_until" timestamp(3) with time zone
  );
  
  CREATE TABLE "payload_kv" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"key" varchar NOT NULL,
  	"data" jsonb NOT NULL
  );
  
  CREATE TABLE "payload_locked_documents" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"global_slug" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_locked_documents_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"conditions_id" integer,
  	"symptoms_id" integer,
  	"treatments_id" integer,
  	"diagnostic_tests_id" integer,
  	"locations_id" integer,
  	"specialties_id" integer,
  	"references_id" integer,
  	"media_id" integer,
  	"users_id" integer
  );
  
  CREATE TABLE "payload_preferences" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"key" varchar,
  	"value" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_preferences_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"users_id" integer
  );
  
  CREATE TABLE "payload_migrations" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar,
  	"batch" numeric,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "conditions_alternate_names" ADD CONSTRAINT "conditions_alternate_names_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."conditions"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "conditions_alternate_names_locales" ADD CONSTRAINT "conditions_alternate_names_locales_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."conditions_alternate_names"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "conditions_causes" ADD CONSTRAINT "conditions_causes_condition_id_conditions_id_fk" FOREIGN KEY ("condition_id") REFERENCES "public"."conditions"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "conditions_causes" ADD CONSTRAINT "conditions_causes_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."conditions"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "conditions_causes_locales" ADD CONSTRAINT "conditions_causes_locales_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."conditions_causes"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "conditions_risk_factors" ADD CONSTRAINT "conditions_risk_factors_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."conditions"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "conditions_risk_factors_locales" ADD CONSTRAINT "conditions_risk_factors_locales_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."conditions_risk_factors"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "conditions_symptoms" ADD CONSTRAINT "conditions_symptoms_symptom_id_symptoms_id_fk" FOREIGN KEY ("symptom_id") REFERENCES "public"."symptoms"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "conditions_symptoms" ADD CONSTRAINT "conditions_symptoms_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."conditions"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "conditions_codes" ADD CONSTRAINT "conditions_codes_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."conditions"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "conditions" ADD CONSTRAINT "conditions_parent_id_conditions_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."conditions"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "conditions_locales" ADD CONSTRAINT "conditions_locales_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."conditions"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "conditions_rels" ADD CONSTRAINT "conditions_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."conditions"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "conditions_rels" ADD CONSTRAINT "conditions_rels_diagnostic_tests_fk" FOREIGN KEY ("diagnostic_tests_id") REFERENCES "public"."diagnostic_tests"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "conditions_rels" ADD CONSTRAINT "conditions_rels_treatments_fk" FOREIGN KEY ("treatments_id") REFERENCES "public"."treatments"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "conditions_rels" ADD CONSTRAINT "conditions_rels_specialties_fk" FOREIGN KEY ("specialties_id") REFERENCES "public"."specialties"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "conditions_rels" ADD CONSTRAINT "conditions_rels_references_fk" FOREIGN KEY ("references_id") REFERENCES "public"."references"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_conditions_v_version_alternate_names" ADD CONSTRAINT "_conditions_v_version_alternate_names_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_conditions_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_conditions_v_version_alternate_names_locales" ADD CONSTRAINT "_conditions_v_version_alternate_names_locales_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_conditions_v_version_alternate_names"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_conditions_v_version_causes" ADD CONSTRAINT "_conditions_v_version_causes_condition_id_conditions_id_fk" FOREIGN KEY ("condition_id") REFERENCES "public"."conditions"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_conditions_v_version_causes" ADD CONSTRAINT "_conditions_v_version_causes_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_conditions_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_conditions_v_version_causes_locales" ADD CONSTRAINT "_conditions_v_version_causes_locales_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_conditions_v_version_causes"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_conditions_v_version_risk_factors" ADD CONSTRAINT "_conditions_v_version_risk_factors_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_conditions_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_conditions_v_version_risk_factors_locales" ADD CONSTRAINT "_conditions_v_version_risk_factors_locales_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_conditions_v_version_risk_factors"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_conditions_v_version_symptoms" ADD CONSTRAINT "_conditions_v_version_symptoms_symptom_id_symptoms_id_fk" FOREIGN KEY ("symptom_id") REFERENCES "public"."symptoms"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_conditions_v_version_symptoms" ADD CONSTRAINT "_conditions_v_version_symptoms_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_conditions_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_conditions_v_version_codes" ADD CONSTRAINT "_conditions_v_version_codes_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_conditions_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_conditions_v" ADD CONSTRAINT "_conditions_v_parent_id_conditions_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."conditions"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_conditions_v" ADD CONSTRAINT "_conditions_v_version_parent_id_conditions_id_fk" FOREIGN KEY ("version_parent_id") REFERENCES "public"."conditions"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_conditions_v_locales" ADD CONSTRAINT "_conditions_v_locales_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_conditions_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_conditions_v_rels" ADD CONSTRAINT "_conditions_v_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_conditions_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_conditions_v_rels" ADD CONSTRAINT "_conditions_v_rels_diagnostic_tests_fk" FOREIGN KEY ("diagnostic_tests_id") REFERENCES "public"."diagnostic_tests"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_conditions_v_rels" ADD CONSTRAINT "_conditions_v_rels_treatments_fk" FOREIGN KEY ("treatments_id") REFERENCES "public"."treatments"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_conditions_v_rels" ADD CONSTRAINT "_conditions_v_rels_specialties_fk" FOREIGN KEY ("specialties_id") REFERENCES "public"."specialties"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_conditions_v_rels" ADD CONSTRAINT "_conditions_v_rels_references_fk" FOREIGN KEY ("references_id") REFERENCES "public"."references"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "symptoms_codes" ADD CONSTRAINT "symptoms_codes_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."symptoms"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "symptoms_locales" ADD CONSTRAINT "symptoms_locales_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."symptoms"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_symptoms_v_version_codes" ADD CONSTRAINT "_symptoms_v_version_codes_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_symptoms_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_symptoms_v" ADD CONSTRAINT "_symptoms_v_parent_id_symptoms_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."symptoms"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_symptoms_v_locales" ADD CONSTRAINT "_symptoms_v_locales_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_symptoms_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "treatments_codes" ADD CONSTRAINT "treatments_codes_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."treatments"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "treatments_locales" ADD CONSTRAINT "treatments_locales_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."treatments"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_treatments_v_version_codes" ADD CONSTRAINT "_treatments_v_version_codes_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_treatments_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_treatments_v" ADD CONSTRAINT "_treatments_v_parent_id_treatments_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."treatments"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_treatments_v_locales" ADD CONSTRAINT "_treatments_v_locales_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_treatments_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "diagnostic_tests_codes" ADD CONSTRAINT "diagnostic_tests_codes_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."diagnostic_tests"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "diagnostic_tests_locales" ADD CONSTRAINT "diagnostic_tests_locales_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."diagnostic_tests"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_diagnostic_tests_v_version_codes" ADD CONSTRAINT "_diagnostic_tests_v_version_codes_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_diagnostic_tests_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_diagnostic_tests_v" ADD CONSTRAINT "_diagnostic_tests_v_parent_id_diagnostic_tests_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."diagnostic_tests"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_diagnostic_tests_v_locales" ADD CONSTRAINT "_diagnostic_tests_v_locales_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_diagnostic_tests_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "locations_opening_hours_days" ADD CONSTRAINT "locations_opening_hours_days_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."locations_opening_hours"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "locations_opening_hours" ADD CONSTRAINT "locations_opening_hours_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "locations_locales" ADD CONSTRAINT "locations_locales_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "locations_rels" ADD CONSTRAINT "locations_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "locations_rels" ADD CONSTRAINT "locations_rels_specialties_fk" FOREIGN KEY ("specialties_id") REFERENCES "public"."specialties"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "locations_rels" ADD CONSTRAINT "locations_rels_conditions_fk" FOREIGN KEY ("conditions_id") REFERENCES "public"."conditions"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "locations_rels" ADD CONSTRAINT "locations_rels_treatments_fk" FOREIGN KEY ("treatments_id") REFERENCES "public"."treatments"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_locations_v_version_opening_hours_days" ADD CONSTRAINT "_locations_v_version_opening_hours_days_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_locations_v_version_opening_hours"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_locations_v_version_opening_hours" ADD CONSTRAINT "_locations_v_version_opening_hours_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_locations_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_locations_v" ADD CONSTRAINT "_locations_v_parent_id_locations_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."locations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_locations_v_locales" ADD CONSTRAINT "_locations_v_locales_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_locations_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_locations_v_rels" ADD CONSTRAINT "_locations_v_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_locations_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_locations_v_rels" ADD CONSTRAINT "_locations_v_rels_specialties_fk" FOREIGN KEY ("specialties_id") REFERENCES "public"."specialties"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_locations_v_rels" ADD CONSTRAINT "_locations_v_rels_conditions_fk" FOREIGN KEY ("conditions_id") REFERENCES "public"."conditions"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_locations_v_rels" ADD CONSTRAINT "_locations_v_rels_treatments_fk" FOREIGN KEY ("treatments_id") REFERENCES "public"."treatments"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "specialties_locales" ADD CONSTRAINT "specialties_locales_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."specialties"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "media_locales" ADD CONSTRAINT "media_locales_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."media"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "users_sessions" ADD CONSTRAINT "users_sessions_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."payload_locked_documents"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_conditions_fk" FOREIGN KEY ("conditions_id") REFERENCES "public"."conditions"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_symptoms_fk" FOREIGN KEY ("symptoms_id") REFERENCES "public"."symptoms"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_treatments_fk" FOREIGN KEY ("treatments_id") REFERENCES "public"."treatments"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_diagnostic_tests_fk" FOREIGN KEY ("diagnostic_tests_id") REFERENCES "public"."diagnostic_tests"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_locations_fk" FOREIGN KEY ("locations_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_specialties_fk" FOREIGN KEY ("specialties_id") REFERENCES "public"."specialties"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_references_fk" FOREIGN KEY ("references_id") REFERENCES "public"."references"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_media_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_preferences_rels" ADD CONSTRAINT "payload_preferences_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."payload_preferences"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_preferences_rels" ADD CONSTRAINT "payload_preferences_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "conditions_alternate_names_order_idx" ON "conditions_alternate_names" USING btree ("_order");
  CREATE INDEX "conditions_alternate_names_parent_id_idx" ON "conditions_alternate_names" USING btree ("_parent_id");
  CREATE UNIQUE INDEX "conditions_alternate_names_locales_locale_parent_id_unique" ON "conditions_alternate_names_locales" USING btree ("_locale","_parent_id");
  CREATE INDEX "conditions_causes_order_idx" ON "conditions_causes" USING btree ("_order");
  CREATE INDEX "conditions_causes_parent_id_idx" ON "conditions_causes" USING btree ("_parent_id");
  CREATE INDEX "conditions_causes_condition_idx" ON "conditions_causes" USING btree ("condition_id");
  CREATE UNIQUE INDEX "conditions_causes_locales_locale_parent_id_unique" ON "conditions_causes_locales" USING btree ("_locale","_parent_id");
  CREATE INDEX "conditions_risk_factors_order_idx" ON "conditions_risk_factors" USING btree ("_order");
  CREATE INDEX "conditions_risk_factors_parent_id_idx" ON "conditions_risk_factors" USING btree ("_parent_id");
  CREATE UNIQUE INDEX "conditions_risk_factors_locales_locale_parent_id_unique" ON "conditions_risk_factors_locales" USING btree ("_locale","_parent_id");
  CREATE INDEX "conditions_symptoms_order_idx" ON "conditions_symptoms" USING btree ("_order");
  CREATE INDEX "conditions_symptoms_parent_id_idx" ON "conditions_symptoms" USING btree ("_parent_id");
  CREATE INDEX "conditions_symptoms_symptom_idx" ON "conditions_symptoms" USING btree ("symptom_id");
  CREATE INDEX "conditions_codes_order_idx" ON "conditions_codes" USING btree ("_order");
  CREATE INDEX "conditions_codes_parent_id_idx" ON "conditions_codes" USING btree ("_parent_id");
  CREATE UNIQUE INDEX "conditions_slug_idx" ON "conditions" USING btree ("slug");
  CREATE INDEX "conditions_parent_idx" ON "conditions" USING btree ("parent_id");
  CREATE INDEX "conditions_updated_at_idx" ON "conditions" USING btree ("updated_at");
  CREATE INDEX "conditions_created_at_idx" ON "conditions" USING btree ("created_at");
  CREATE INDEX "conditions__status_idx" ON "conditions" USING btree ("_status");
  CREATE INDEX "conditions_name_idx" ON "conditions_locales" USING btree ("name","_locale");
  CREATE UNIQUE INDEX "conditions_locales_locale_parent_id_unique" ON "conditions_locales" USING btree ("_locale","_parent_id");
  CREATE INDEX "conditions_rels_order_idx" ON "conditions_rels" USING btree ("order");
  CREATE INDEX "conditions_rels_parent_idx" ON "conditions_rels" USING btree ("parent_id");
  CREATE INDEX "conditions_rels_path_idx" ON "conditions_rels" USING btree ("path");
  CREATE INDEX "conditions_rels_diagnostic_tests_id_idx" ON "conditions_rels" USING btree ("diagnostic_tests_id");
  CREATE INDEX "conditions_rels_treatments_id_idx" ON "conditions_rels" USING btree ("treatments_id");
  CREATE INDEX "conditions_rels_specialties_id_idx" ON "conditions_rels" USING btree ("specialties_id");
  CREATE INDEX "conditions_rels_references_id_idx" ON "conditions_rels" USING btree ("references_id");
  CREATE INDEX "_conditions_v_version_alternate_names_order_idx" ON "_conditions_v_version_alternate_names" USING btree ("_order");
  CREATE INDEX "_conditions_v_version_alternate_names_parent_id_idx" ON "_conditions_v_version_alternate_names" USING btree ("_parent_id");
  CREATE UNIQUE INDEX "_conditions_v_version_alternate_names_locales_locale_parent_" ON "_conditions_v_version_alternate_names_locales" USING btree ("_locale","_parent_id");
  CREATE INDEX "_conditions_v_version_causes_order_idx" ON "_conditions_v_version_causes" USING btree ("_order");
  CREATE INDEX "_conditions_v_version_causes_parent_id_idx" ON "_conditions_v_version_causes" USING btree ("_parent_id");
  CREATE INDEX "_conditions_v_version_causes_condition_idx" ON "_conditions_v_version_causes" USING btree ("condition_id");
  CREATE UNIQUE INDEX "_conditions_v_version_causes_locales_locale_parent_id_unique" ON "_conditions_v_version_causes_locales" USING btree ("_locale","_parent_id");
  CREATE INDEX "_conditions_v_version_risk_factors_order_idx" ON "_conditions_v_version_risk_factors" USING btree ("_order");
  CREATE INDEX "_conditions_v_version_risk_factors_parent_id_idx" ON "_conditions_v_version_risk_factors" USING btree ("_parent_id");
  CREATE UNIQUE INDEX "_conditions_v_version_risk_factors_locales_locale_parent_id_" ON "_conditions_v_version_risk_factors_locales" USING btree ("_locale","_parent_id");
  CREATE INDEX "_conditions_v_version_symptoms_order_idx" ON "_conditions_v_version_symptoms" USING btree ("_order");
  CREATE INDEX "_conditions_v_version_symptoms_parent_id_idx" ON "_conditions_v_version_symptoms" USING btree ("_parent_id");
  CREATE INDEX "_conditions_v_version_symptoms_symptom_idx" ON "_conditions_v_version_symptoms" USING btree ("symptom_id");
  CREATE INDEX "_conditions_v_version_codes_order_idx" ON "_conditions_v_version_codes" USING btree ("_order");
  CREATE INDEX "_conditions_v_version_codes_parent_id_idx" ON "_conditions_v_version_codes" USING btree ("_parent_id");
  CREATE INDEX "_conditions_v_parent_idx" ON "_conditions_v" USING btree ("parent_id");
  CREATE INDEX "_conditions_v_version_version_slug_idx" ON "_conditions_v" USING btree ("version_slug");
  CREATE INDEX "_conditions_v_version_version_parent_idx" ON "_conditions_v" USING btree ("version_parent_id");
  CREATE INDEX "_conditions_v_version_version_updated_at_idx" ON "_conditions_v" USING btree ("version_updated_at");
  CREATE INDEX "_conditions_v_version_version_created_at_idx" ON "_conditions_v" USING btree ("version_created_at");
  CREATE INDEX "_conditions_v_version_version__status_idx" ON "_conditions_v" USING btree ("version__status");
  CREATE INDEX "_conditions_v_created_at_idx" ON "_conditions_v" USING btree ("created_at");
  CREATE INDEX "_conditions_v_updated_at_idx" ON "_conditions_v" USING btree ("updated_at");
  CREATE INDEX "_conditions_v_snapshot_idx" ON "_conditions_v" USING btree ("snapshot");
  CREATE INDEX "_conditions_v_published_locale_idx" ON "_conditions_v" USING btree ("published_locale");
  CREATE INDEX "_conditions_v_latest_idx" ON "_conditions_v" USING btree ("latest");
  CREATE INDEX "_conditions_v_version_version_name_idx" ON "_conditions_v_locales" USING btree ("version_name","_locale");
  CREATE UNIQUE INDEX "_conditions_v_locales_locale_parent_id_unique" ON "_conditions_v_locales" USING btree ("_locale","_parent_id");
  CREATE INDEX "_conditions_v_rels_order_idx" ON "_conditions_v_rels" USING btree ("order");
  CREATE INDEX "_conditions_v_rels_parent_idx" ON "_conditions_v_rels" USING btree ("parent_id");
  CREATE INDEX "_conditions_v_rels_path_idx" ON "_conditions_v_rels" USING btree ("path");
  CREATE INDEX "_conditions_v_rels_diagnostic_tests_id_idx" ON "_conditions_v_rels" USING btree ("diagnostic_tests_id");
  CREATE INDEX "_conditions_v_rels_treatments_id_idx" ON "_conditions_v_rels" USING btree ("treatments_id");
  CREATE INDEX "_conditions_v_rels_specialties_id_idx" ON "_conditions_v_rels" USING btree ("specialties_id");
  CREATE INDEX "_conditions_v_rels_references_id_idx" ON "_conditions_v_rels" USING btree ("references_id");
  CREATE INDEX "symptoms_codes_order_idx" ON "symptoms_codes" USING btree ("_order");
  CREATE INDEX "symptoms_codes_parent_id_idx" ON "symptoms_codes" USING btree ("_parent_id");
  CREATE UNIQUE INDEX "symptoms_slug_idx" ON "symptoms" USING btree ("slug");
  CREATE INDEX "symptoms_category_idx" ON "symptoms" USING btree ("category");
  CREATE INDEX "symptoms_updated_at_idx" ON "symptoms" USING btree ("updated_at");
  CREATE INDEX "symptoms_created_at_idx" ON "symptoms" USING btree ("created_at");
  CREATE INDEX "symptoms__status_idx" ON "symptoms" USING btree ("_status");
  CREATE INDEX "symptoms_name_idx" ON "symptoms_locales" USING btree ("name","_locale");
  CREATE UNIQUE INDEX "symptoms_locales_locale_parent_id_unique" ON "symptoms_locales" USING btree ("_locale","_parent_id");
  CREATE INDEX "_symptoms_v_version_codes_order_idx" ON "_symptoms_v_version_codes" USING btree ("_order");
  CREATE INDEX "_symptoms_v_version_codes_parent_id_idx" ON "_symptoms_v_version_codes" USING btree ("_parent_id");
  CREATE INDEX "_symptoms_v_parent_idx" ON "_symptoms_v" USING btree ("parent_id");
  CREATE INDEX "_symptoms_v_version_version_slug_idx" ON "_symptoms_v" USING btree ("version_slug");
  CREATE INDEX "_symptoms_v_version_version_category_idx" ON "_symptoms_v" USING btree ("version_category");
  CREATE INDEX "_symptoms_v_version_version_updated_at_idx" ON "_symptoms_v" USING btree ("version_updated_at");
  CREATE INDEX "_symptoms_v_version_version_created_at_idx" ON "_symptoms_v" USING btree ("version_created_at");
  CREATE INDEX "_symptoms_v_version_version__status_idx" ON "_symptoms_v" USING btree ("version__status");
  CREATE INDEX "_symptoms_v_created_at_idx" ON "_symptoms_v" USING btree ("created_at");
  CREATE INDEX "_symptoms_v_updated_at_idx" ON "_symptoms_v" USING btree ("updated_at");
  CREATE INDEX "_symptoms_v_snapshot_idx" ON "_symptoms_v" USING btree ("snapshot");
  CREATE INDEX "_symptoms_v_published_locale_idx" ON "_symptoms_v" USING btree ("published_locale");
  CREATE INDEX "_symptoms_v_latest_idx" ON "_symptoms_v" USING btree ("latest");
  CREATE INDEX "_symptoms_v_version_version_name_idx" ON "_symptoms_v_locales" USING btree ("version_name","_locale");
  CREATE UNIQUE INDEX "_symptoms_v_locales_locale_parent_id_unique" ON "_symptoms_v_locales" USING btree ("_locale","_parent_id");
  CREATE INDEX "treatments_codes_order_idx" ON "treatments_codes" USING btree ("_order");
  CREATE INDEX "treatments_codes_parent_id_idx" ON "treatments_codes" USING btree ("_parent_id");
  CREATE UNIQUE INDEX "treatments_slug_idx" ON "treatments" USING btree ("slug");
  CREATE INDEX "treatments_kind_idx" ON "treatments" USING btree ("kind");
  CREATE INDEX "treatments_invasiveness_idx" ON "treatments" USING btree ("invasiveness");
  CREATE INDEX "treatments_updated_at_idx" ON "treatments" USING btree ("updated_at");
  CREATE INDEX "treatments_created_at_idx" ON "treatments" USING btree ("created_at");
  CREATE INDEX "treatments__status_idx" ON "treatments" USING btree ("_status");
  CREATE INDEX "treatments_name_idx" ON "treatments_locales" USING btree ("name","_locale");
  CREATE UNIQUE INDEX "treatments_locales_locale_parent_id_unique" ON "treatments_locales" USING btree ("_locale","_parent_id");
  CREATE INDEX "_treatments_v_version_codes_order_idx" ON "_treatments_v_version_codes" USING btree ("_order");
  CREATE INDEX "_treatments_v_version_codes_parent_id_idx" ON "_treatments_v_version_codes" USING btree ("_parent_id");
  CREATE INDEX "_treatments_v_parent_idx" ON "_treatments_v" USING btree ("parent_id");
  CREATE INDEX "_treatments_v_version_version_slug_idx" ON "_treatments_v" USING btree ("version_slug");
  CREATE INDEX "_treatments_v_version_version_kind_idx" ON "_treatments_v" USING btree ("version_kind");
  CREATE INDEX "_treatments_v_version_version_invasiveness_idx" ON "_treatments_v" USING btree ("version_invasiveness");
  CREATE INDEX "_treatments_v_version_version_updated_at_idx" ON "_treatments_v" USING btree ("version_updated_at");
  CREATE INDEX "_treatments_v_version_version_created_at_idx" ON "_treatments_v" USING btree ("version_created_at");
  CREATE INDEX "_treatments_v_version_version__status_idx" ON "_treatments_v" USING btree ("version__status");
  CREATE INDEX "_treatments_v_created_at_idx" ON "_treatments_v" USING btree ("created_at");
  CREATE INDEX "_treatments_v_updated_at_idx" ON "_treatments_v" USING btree ("updated_at");
  CREATE INDEX "_treatments_v_snapshot_idx" ON "_treatments_v" USING btree ("snapshot");
  CREATE INDEX "_treatments_v_published_locale_idx" ON "_treatments_v" USING btree ("published_locale");
  CREATE INDEX "_treatments_v_latest_idx" ON "_treatments_v" USING btree ("latest");
  CREATE INDEX "_treatments_v_version_version_name_idx" ON "_treatments_v_locales" USING btree ("version_name","_locale");
  CREATE UNIQUE INDEX "_treatments_v_locales_locale_parent_id_unique" ON "_treatments_v_locales" USING btree ("_locale","_parent_id");
  CREATE INDEX "diagnostic_tests_codes_order_idx" ON "diagnostic_tests_codes" USING btree ("_order");
  CREATE INDEX "diagnostic_tests_codes_parent_id_idx" ON "diagnostic_tests_codes" USING btree ("_parent_id");
  CREATE UNIQUE INDEX "diagnostic_tests_slug_idx" ON "diagnostic_tests" USING btree ("slug");
  CREATE INDEX "diagnostic_tests_kind_idx" ON "diagnostic_tests" USING btree ("kind");
  CREATE INDEX "diagnostic_tests_updated_at_idx" ON "diagnostic_tests" USING btree ("updated_at");
  CREATE INDEX "diagnostic_tests_created_at_idx" ON "diagnostic_tests" USING btree ("created_at");
  CREATE INDEX "diagnostic_tests__status_idx" ON "diagnostic_tests" USING btree ("_status");
  CREATE INDEX "diagnostic_tests_name_idx" ON "diagnostic_tests_locales" USING btree ("name","_locale");
  CREATE UNIQUE INDEX "diagnostic_tests_locales_locale_parent_id_unique" ON "diagnostic_tests_locales" USING btree ("_locale","_parent_id");
  CREATE INDEX "_diagnostic_tests_v_version_codes_order_idx" ON "_diagnostic_tests_v_version_codes" USING btree ("_order");
  CREATE INDEX "_diagnostic_tests_v_version_codes_parent_id_idx" ON "_diagnostic_tests_v_version_codes" USING btree ("_parent_id");
  CREATE INDEX "_diagnostic_tests_v_parent_idx" ON "_diagnostic_tests_v" USING btree ("parent_id");
  CREATE INDEX "_diagnostic_tests_v_version_version_slug_idx" ON "_diagnostic_tests_v" USING btree ("version_slug");
  CREATE INDEX "_diagnostic_tests_v_version_version_kind_idx" ON "_diagnostic_tests_v" USING btree ("version_kind");
  CREATE INDEX "_diagnostic_tests_v_version_version_updated_at_idx" ON "_diagnostic_tests_v" USING btree ("version_updated_at");
  CREATE INDEX "_diagnostic_tests_v_version_version_created_at_idx" ON "_diagnostic_tests_v" USING btree ("version_created_at");
  CREATE INDEX "_diagnostic_tests_v_version_version__status_idx" ON "_diagnostic_tests_v" USING btree ("version__status");
  CREATE INDEX "_diagnostic_tests_v_created_at_idx" ON "_diagnostic_tests_v" USING btree ("created_at");
  CREATE INDEX "_diagnostic_tests_v_updated_at_idx" ON "_diagnostic_tests_v" USING btree ("updated_at");
  CREATE INDEX "_diagnostic_tests_v_snapshot_idx" ON "_diagnostic_tests_v" USING btree ("snapshot");
  CREATE INDEX "_diagnostic_tests_v_published_locale_idx" ON "_diagnostic_tests_v" USING btree ("published_locale");
  CREATE INDEX "_diagnostic_tests_v_latest_idx" ON "_diagnostic_tests_v" USING btree ("latest");
  CREATE INDEX "_diagnostic_tests_v_version_version_name_idx" ON "_diagnostic_tests_v_locales" USING btree ("version_name","_locale");
  CREATE UNIQUE INDEX "_diagnostic_tests_v_locales_locale_parent_id_unique" ON "_diagnostic_tests_v_locales" USING btree ("_locale","_parent_id");
  CREATE INDEX "locations_opening_hours_days_order_idx" ON "locations_opening_hours_days" USING btree ("order");
  CREATE INDEX "locations_opening_hours_days_parent_idx" ON "locations_opening_hours_days" USING btree ("parent_id");
  CREATE INDEX "locations_opening_hours_order_idx" ON "locations_opening_hours" USING btree ("_order");
  CREATE INDEX "locations_opening_hours_parent_id_idx" ON "locations_opening_hours" USING btree ("_parent_id");
  CREATE UNIQUE INDEX "locations_slug_idx" ON "locations" USING btree ("slug");
  CREATE INDEX "locations_address_address_city_idx" ON "locations" USING btree ("address_city");
  CREATE INDEX "locations_latitude_idx" ON "locations" USING btree ("latitude");
  CREATE INDEX "locations_longitude_idx" ON "locations" USING btree ("longitude");
  CREATE INDEX "locations_accepting_new_patients_idx" ON "locations" USING btree ("accepting_new_patients");
  CREATE INDEX "locations_updated_at_idx" ON "locations" USING btree ("updated_at");
  CREATE INDEX "locations_created_at_idx" ON "locations" USING btree ("created_at");
  CREATE INDEX "locations__status_idx" ON "locations" USING btree ("_status");
  CREATE INDEX "locations_name_idx" ON "locations_locales" USING btree ("name","_locale");
  CREATE UNIQUE INDEX "locations_locales_locale_parent_id_unique" ON "locations_locales" USING btree ("_locale","_parent_id");
  CREATE INDEX "locations_rels_order_idx" ON "locations_rels" USING btree ("order");
  CREATE INDEX "locations_rels_parent_idx" ON "locations_rels" USING btree ("parent_id");
  CREATE INDEX "locations_rels_path_idx" ON "locations_rels" USING btree ("path");
  CREATE INDEX "locations_rels_specialties_id_idx" ON "locations_rels" USING btree ("specialties_id");
  CREATE INDEX "locations_rels_conditions_id_idx" ON "locations_rels" USING btree ("conditions_id");
  CREATE INDEX "locations_rels_treatments_id_idx" ON "locations_rels" USING btree ("treatments_id");
  CREATE INDEX "_locations_v_version_opening_hours_days_order_idx" ON "_locations_v_version_opening_hours_days" USING btree ("order");
  CREATE INDEX "_locations_v_version_opening_hours_days_parent_idx" ON "_locations_v_version_opening_hours_days" USING btree ("parent_id");
  CREATE INDEX "_locations_v_version_opening_hours_order_idx" ON "_locations_v_version_opening_hours" USING btree ("_order");
  CREATE INDEX "_locations_v_version_opening_hours_parent_id_idx" ON "_locations_v_version_opening_hours" USING btree ("_parent_id");
  CREATE INDEX "_locations_v_parent_idx" ON "_locations_v" USING btree ("parent_id");
  CREATE INDEX "_locations_v_version_version_slug_idx" ON "_locations_v" USING btree ("version_slug");
  CREATE INDEX "_locations_v_version_address_version_address_city_idx" ON "_locations_v" USING btree ("version_address_city");
  CREATE INDEX "_locations_v_version_version_latitude_idx" ON "_locations_v" USING btree ("version_latitude");
  CREATE INDEX "_locations_v_version_version_longitude_idx" ON "_locations_v" USING btree ("version_longitude");
  CREATE INDEX "_locations_v_version_version_accepting_new_patients_idx" ON "_locations_v" USING btree ("version_accepting_new_patients");
  CREATE INDEX "_locations_v_version_version_updated_at_idx" ON "_locations_v" USING btree ("version_updated_at");
  CREATE INDEX "_locations_v_version_version_created_at_idx" ON "_locations_v" USING btree ("version_created_at");
  CREATE INDEX "_locations_v_version_version__status_idx" ON "_locations_v" USING btree ("version__status");
  CREATE INDEX "_locations_v_created_at_idx" ON "_locations_v" USING btree ("created_at");
  CREATE INDEX "_locations_v_updated_at_idx" ON "_locations_v" USING btree ("updated_at");
  CREATE INDEX "_locations_v_snapshot_idx" ON "_locations_v" USING btree ("snapshot");
  CREATE INDEX "_locations_v_published_locale_idx" ON "_locations_v" USING btree ("published_locale");
  CREATE INDEX "_locations_v_latest_idx" ON "_locations_v" USING btree ("latest");
  CREATE INDEX "_locations_v_version_version_name_idx" ON "_locations_v_locales" USING btree ("version_name","_locale");
  CREATE UNIQUE INDEX "_locations_v_locales_locale_parent_id_unique" ON "_locations_v_locales" USING btree ("_locale","_parent_id");
  CREATE INDEX "_locations_v_rels_order_idx" ON "_locations_v_rels" USING btree ("order");
  CREATE INDEX "_locations_v_rels_parent_idx" ON "_locations_v_rels" USING btree ("parent_id");
  CREATE INDEX "_locations_v_rels_path_idx" ON "_locations_v_rels" USING btree ("path");
  CREATE INDEX "_locations_v_rels_specialties_id_idx" ON "_locations_v_rels" USING btree ("specialties_id");
  CREATE INDEX "_locations_v_rels_conditions_id_idx" ON "_locations_v_rels" USING btree ("conditions_id");
  CREATE INDEX "_locations_v_rels_treatments_id_idx" ON "_locations_v_rels" USING btree ("treatments_id");
  CREATE UNIQUE INDEX "specialties_slug_idx" ON "specialties" USING btree ("slug");
  CREATE INDEX "specialties_updated_at_idx" ON "specialties" USING btree ("updated_at");
  CREATE INDEX "specialties_created_at_idx" ON "specialties" USING btree ("created_at");
  CREATE INDEX "specialties_name_idx" ON "specialties_locales" USING btree ("name","_locale");
  CREATE UNIQUE INDEX "specialties_locales_locale_parent_id_unique" ON "specialties_locales" USING btree ("_locale","_parent_id");
  CREATE INDEX "references_updated_at_idx" ON "references" USING btree ("updated_at");
  CREATE INDEX "references_created_at_idx" ON "references" USING btree ("created_at");
  CREATE INDEX "media_updated_at_idx" ON "media" USING btree ("updated_at");
  CREATE INDEX "media_created_at_idx" ON "media" USING btree ("created_at");
  CREATE UNIQUE INDEX "media_filename_idx" ON "media" USING btree ("filename");
  CREATE UNIQUE INDEX "media_locales_locale_parent_id_unique" ON "media_locales" USING btree ("_locale","_parent_id");
  CREATE INDEX "users_sessions_order_idx" ON "users_sessions" USING btree ("_order");
  CREATE INDEX "users_sessions_parent_id_idx" ON "users_sessions" USING btree ("_parent_id");
  CREATE INDEX "users_role_idx" ON "users" USING btree ("role");
  CREATE INDEX "users_updated_at_idx" ON "users" USING btree ("updated_at");
  CREATE INDEX "users_created_at_idx" ON "users" USING btree ("created_at");
  CREATE UNIQUE INDEX "users_email_idx" ON "users" USING btree ("email");
  CREATE UNIQUE INDEX "payload_kv_key_idx" ON "payload_kv" USING btree ("key");
  CREATE INDEX "payload_locked_documents_global_slug_idx" ON "payload_locked_documents" USING btree ("global_slug");
  CREATE INDEX "payload_locked_documents_updated_at_idx" ON "payload_locked_documents" USING btree ("updated_at");
  CREATE INDEX "payload_locked_documents_created_at_idx" ON "payload_locked_documents" USING btree ("created_at");
  CREATE INDEX "payload_locked_documents_rels_order_idx" ON "payload_locked_documents_rels" USING btree ("order");
  CREATE INDEX "payload_locked_documents_rels_parent_idx" ON "payload_locked_documents_rels" USING btree ("parent_id");
  CREATE INDEX "payload_locked_documents_rels_path_idx" ON "payload_locked_documents_rels" USING btree ("path");
  CREATE INDEX "payload_locked_documents_rels_conditions_id_idx" ON "payload_locked_documents_rels" USING btree ("conditions_id");
  CREATE INDEX "payload_locked_documents_rels_symptoms_id_idx" ON "payload_locked_documents_rels" USING btree ("symptoms_id");
  CREATE INDEX "payload_locked_documents_rels_treatments_id_idx" ON "payload_locked_documents_rels" USING btree ("treatments_id");
  CREATE INDEX "payload_locked_documents_rels_diagnostic_tests_id_idx" ON "payload_locked_documents_rels" USING btree ("diagnostic_tests_id");
  CREATE INDEX "payload_locked_documents_rels_locations_id_idx" ON "payload_locked_documents_rels" USING btree ("locations_id");
  CREATE INDEX "payload_locked_documents_rels_specialties_id_idx" ON "payload_locked_documents_rels" USING btree ("specialties_id");
  CREATE INDEX "payload_locked_documents_rels_references_id_idx" ON "payload_locked_documents_rels" USING btree ("references_id");
  CREATE INDEX "payload_locked_documents_rels_media_id_idx" ON "payload_locked_documents_rels" USING btree ("media_id");
  CREATE INDEX "payload_locked_documents_rels_users_id_idx" ON "payload_locked_documents_rels" USING btree ("users_id");
  CREATE INDEX "payload_preferences_key_idx" ON "payload_preferences" USING btree ("key");
  CREATE INDEX "payload_preferences_updated_at_idx" ON "payload_preferences" USING btree ("updated_at");
  CREATE INDEX "payload_preferences_created_at_idx" ON "payload_preferences" USING btree ("created_at");
  CREATE INDEX "payload_preferences_rels_order_idx" ON "payload_preferences_rels" USING btree ("order");
  CREATE INDEX "payload_preferences_rels_parent_idx" ON "payload_preferences_rels" USING btree ("parent_id");
  CREATE INDEX "payload_preferences_rels_path_idx" ON "payload_preferences_rels" USING btree ("path");
  CREATE INDEX "payload_preferences_rels_users_id_idx" ON "payload_preferences_rels" USING btree ("users_id");
  CREATE INDEX "payload_migrations_updated_at_idx" ON "payload_migrations" USING btree ("updated_at");
  CREATE INDEX "payload_migrations_created_at_idx" ON "payload_migrations" USING btree ("created_at");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "conditions_alternate_names" CASCADE;
  DROP TABLE "conditions_alternate_names_locales" CASCADE;
  DROP TABLE "conditions_causes" CASCADE;
  DROP TABLE "conditions_causes_locales" CASCADE;
  DROP TABLE "conditions_risk_factors" CASCADE;
  DROP TABLE "conditions_risk_factors_locales" CASCADE;
  DROP TABLE "conditions_symptoms" CASCADE;
  DROP TABLE "conditions_codes" CASCADE;
  DROP TABLE "conditions" CASCADE;
  DROP TABLE "conditions_locales" CASCADE;
  DROP TABLE "conditions_rels" CASCADE;
  DROP TABLE "_conditions_v_version_alternate_names" CASCADE;
  DROP TABLE "_conditions_v_version_alternate_names_locales" CASCADE;
  DROP TABLE "_conditions_v_version_causes" CASCADE;
  DROP TABLE "_conditions_v_version_causes_locales" CASCADE;
  DROP TABLE "_conditions_v_version_risk_factors" CASCADE;
  DROP TABLE "_conditions_v_version_risk_factors_locales" CASCADE;
  DROP TABLE "_conditions_v_version_symptoms" CASCADE;
  DROP TABLE "_conditions_v_version_codes" CASCADE;
  DROP TABLE "_conditions_v" CASCADE;
  DROP TABLE "_conditions_v_locales" CASCADE;
  DROP TABLE "_conditions_v_rels" CASCADE;
  DROP TABLE "symptoms_codes" CASCADE;
  DROP TABLE "symptoms" CASCADE;
  DROP TABLE "symptoms_locales" CASCADE;
  DROP TABLE "_symptoms_v_version_codes" CASCADE;
  DROP TABLE "_symptoms_v" CASCADE;
  DROP TABLE "_symptoms_v_locales" CASCADE;
  DROP TABLE "treatments_codes" CASCADE;
  DROP TABLE "treatments" CASCADE;
  DROP TABLE "treatments_locales" CASCADE;
  DROP TABLE "_treatments_v_version_codes" CASCADE;
  DROP TABLE "_treatments_v" CASCADE;
  DROP TABLE "_treatments_v_locales" CASCADE;
  DROP TABLE "diagnostic_tests_codes" CASCADE;
  DROP TABLE "diagnostic_tests" CASCADE;
  DROP TABLE "diagnostic_tests_locales" CASCADE;
  DROP TABLE "_diagnostic_tests_v_version_codes" CASCADE;
  DROP TABLE "_diagnostic_tests_v" CASCADE;
  DROP TABLE "_diagnostic_tests_v_locales" CASCADE;
  DROP TABLE "locations_opening_hours_days" CASCADE;
  DROP TABLE "locations_opening_hours" CASCADE;
  DROP TABLE "locations" CASCADE;
  DROP TABLE "locations_locales" CASCADE;
  DROP TABLE "locations_rels" CASCADE;
  DROP TABLE "_locations_v_version_opening_hours_days" CASCADE;
  DROP TABLE "_locations_v_version_opening_hours" CASCADE;
  DROP TABLE "_locations_v" CASCADE;
  DROP TABLE "_locations_v_locales" CASCADE;
  DROP TABLE "_locations_v_rels" CASCADE;
  DROP TABLE "specialties" CASCADE;
  DROP TABLE "specialties_locales" CASCADE;
  DROP TABLE "references" CASCADE;
  DROP TABLE "media" CASCADE;
  DROP TABLE "media_locales" CASCADE;
  DROP TABLE "users_sessions" CASCADE;
  DROP TABLE "users" CASCADE;
  DROP TABLE "payload_kv" CASCADE;
  DROP TABLE "payload_locked_documents" CASCADE;
  DROP TABLE "payload_locked_documents_rels" CASCADE;
  DROP TABLE "payload_preferences" CASCADE;
  DROP TABLE "payload_preferences_rels" CASCADE;
  DROP TABLE "payload_migrations" CASCADE;
  DROP TYPE "public"."_locales";
  DROP TYPE "public"."enum_conditions_symptoms_group";
  DROP TYPE "public"."enum_conditions_codes_system";
  DROP TYPE "public"."enum_conditions_status";
  DROP TYPE "public"."enum__conditions_v_version_symptoms_group";
  DROP TYPE "public"."enum__conditions_v_version_codes_system";
  DROP TYPE "public"."enum__conditions_v_version_status";
  DROP TYPE "public"."enum__conditions_v_published_locale";
  DROP TYPE "public"."enum_symptoms_codes_system";
  DROP TYPE "public"."enum_symptoms_category";
  DROP TYPE "public"."enum_symptoms_status";
  DROP TYPE "public"."enum__symptoms_v_version_codes_system";
  DROP TYPE "public"."enum__symptoms_v_version_category";
  DROP TYPE "public"."enum__symptoms_v_version_status";
  DROP TYPE "public"."enum__symptoms_v_published_locale";
  DROP TYPE "public"."enum_treatments_codes_system";
  DROP TYPE "public"."enum_treatments_kind";
  DROP TYPE "public"."enum_treatments_invasiveness";
  DROP TYPE "public"."enum_treatments_status";
  DROP TYPE "public"."enum__treatments_v_version_codes_system";
  DROP TYPE "public"."enum__treatments_v_version_kind";
  DROP TYPE "public"."enum__treatments_v_version_invasiveness";
  DROP TYPE "public"."enum__treatments_v_version_status";
  DROP TYPE "public"."enum__treatments_v_published_locale";
  DROP TYPE "public"."enum_diagnostic_tests_codes_system";
  DROP TYPE "public"."enum_diagnostic_tests_kind";
  DROP TYPE "public"."enum_diagnostic_tests_status";
  DROP TYPE "public"."enum__diagnostic_tests_v_version_codes_system";
  DROP TYPE "public"."enum__diagnostic_tests_v_version_kind";
  DROP TYPE "public"."enum__diagnostic_tests_v_version_status";
  DROP TYPE "public"."enum__diagnostic_tests_v_published_locale";
  DROP TYPE "public"."enum_locations_opening_hours_days";
  DROP TYPE "public"."enum_locations_status";
  DROP TYPE "public"."enum__locations_v_version_opening_hours_days";
  DROP TYPE "public"."enum__locations_v_version_status";
  DROP TYPE "public"."enum__locations_v_published_locale";
  DROP TYPE "public"."enum_users_role";`)
}
