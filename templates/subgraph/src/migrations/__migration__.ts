import { Migration } from '@mikro-orm/migrations';

export class __migration__ extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "__entityTable__" ("id" text not null, "owner_id" text not null, "version" int not null default 1, "source_kind" text check ("source_kind" in ('ARTICLE', 'PUBLIC_RECORD', 'ILLUSTRATIVE', 'PUBLISHER')) not null, "created_at" timestamptz not null default now(), "source_citation" text not null, "updated_at" timestamptz not null default now(), "archived_at" timestamptz null, "name" text not null, "district_id" text not null, "partner_id" text null, constraint "__entityTable___pkey" primary key ("id"));`);
    this.addSql(`create index "__entityTable___owner_id_index" on "__entityTable__" ("owner_id");`);
    this.addSql(`create index "__entityTable___district_id_index" on "__entityTable__" ("district_id");`);
    this.addSql(`create index "__entityTable___partner_id_index" on "__entityTable__" ("partner_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "__entityTable__" cascade;`);
  }

}
