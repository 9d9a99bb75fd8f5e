import { Migration } from '@mikro-orm/migrations';

export class Migration20261125135709 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "audit_event" ("id" bigserial primary key, "entity_type" text not null, "entity_id" text not null, "action" text check ("action" in ('CREATE', 'UPDATE', 'ARCHIVE')) not null, "version" int not null, "actor_subject" text not null, "actor_organisation_id" text not null, "at" timestamptz not null default now(), "changes" jsonb not null);`,
    );
    this.addSql(`create index "audit_event_entity_type_entity_id_index" on "audit_event" ("entity_type", "entity_id");`);

    this.addSql(`alter table "district_indicator" drop constraint "district_indicator_district_id_year_unique";`);

    this.addSql(
      `create unique index "district_indicator_live_district_year_unique" on "district_indicator" ("district_id", "year") where "archived_at" is null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "audit_event" cascade;`);

    // Generated as `drop constraint`; the partial unique index is an index, not a constraint.
    this.addSql(`drop index "district_indicator_live_district_year_unique";`);

    this.addSql(
      `alter table "district_indicator" add constraint "district_indicator_district_id_year_unique" unique ("district_id", "year");`,
    );
  }
}
