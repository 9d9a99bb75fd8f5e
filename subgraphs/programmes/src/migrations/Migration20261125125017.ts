import { Migration } from '@mikro-orm/migrations';

export class Migration20261125125017 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "programme" ("id" text not null, "owner_id" text not null, "version" int not null default 1, "source_kind" text check ("source_kind" in ('ARTICLE', 'PUBLIC_RECORD', 'ILLUSTRATIVE', 'PUBLISHER')) not null, "created_at" timestamptz not null default now(), "source_citation" text not null, "updated_at" timestamptz not null default now(), "archived_at" timestamptz null, "name" text not null, "kind" text check ("kind" in ('JOB_ACADEMY', 'REHAPRO', 'INDIVIDUAL_COACHING', 'IMMEDIATE_ACTIVATION')) not null, "description" text null, "target_group" text null, "participants_per_year" int null, "days_per_week_max" int null, "operator_id" text not null, "venue_ids" text[] not null, "partner_ids" text[] not null, constraint "programme_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "programme_owner_id_index" on "programme" ("owner_id");`);
    this.addSql(`create index "programme_kind_index" on "programme" ("kind");`);
    this.addSql(`create index "programme_operator_id_index" on "programme" ("operator_id");`);
    this.addSql(`create index "programme_venue_ids_index" on "programme" using gin ("venue_ids");`);
    this.addSql(`create index "programme_partner_ids_index" on "programme" using gin ("partner_ids");`);
  }
}
