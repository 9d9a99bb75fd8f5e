import { Migration } from '@mikro-orm/migrations';

export class __migration__ extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "audit_event" ("id" bigserial primary key, "entity_type" text not null, "entity_id" text not null, "action" text check ("action" in ('CREATE', 'UPDATE', 'ARCHIVE')) not null, "version" int not null, "actor_subject" text not null, "actor_organisation_id" text not null, "at" timestamptz not null default now(), "changes" jsonb not null);`,
    );
    this.addSql(`create index "audit_event_entity_type_entity_id_index" on "audit_event" ("entity_type", "entity_id");`);

    this.addSql(
      `create table "__entityTable__" ("id" text not null, "owner_id" text not null, "version" int not null default 1, "source_kind" text check ("source_kind" in ('ARTICLE', 'PUBLIC_RECORD', 'ILLUSTRATIVE', 'PUBLISHER')) not null, "created_at" timestamptz not null default now(), "source_citation" text not null, "updated_at" timestamptz not null default now(), "archived_at" timestamptz null, "name" text not null, "district_id" text not null, "partner_id" text null, constraint "__entityTable___pkey" primary key ("id"));`,
    );
    this.addSql(`create index "__entityTable___owner_id_index" on "__entityTable__" ("owner_id");`);
    this.addSql(`create index "__entityTable___district_id_index" on "__entityTable__" ("district_id");`);
    this.addSql(`create index "__entityTable___partner_id_index" on "__entityTable__" ("partner_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "audit_event" cascade;`);

    this.addSql(`drop table if exists "__entityTable__" cascade;`);
  }
}
