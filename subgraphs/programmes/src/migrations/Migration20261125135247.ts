import { Migration } from '@mikro-orm/migrations';

export class Migration20261125135247 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "audit_event" ("id" bigserial primary key, "entity_type" text not null, "entity_id" text not null, "action" text check ("action" in ('CREATE', 'UPDATE', 'ARCHIVE')) not null, "version" int not null, "actor_subject" text not null, "actor_organisation_id" text not null, "at" timestamptz not null default now(), "changes" jsonb not null);`,
    );
    this.addSql(`create index "audit_event_entity_type_entity_id_index" on "audit_event" ("entity_type", "entity_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "audit_event" cascade;`);
  }
}
