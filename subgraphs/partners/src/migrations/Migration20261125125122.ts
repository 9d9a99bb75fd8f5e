import { Migration } from '@mikro-orm/migrations';

export class Migration20261125125122 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "partner" ("id" text not null, "owner_id" text not null, "version" int not null default 1, "source_kind" text check ("source_kind" in ('ARTICLE', 'PUBLIC_RECORD', 'ILLUSTRATIVE', 'PUBLISHER')) not null, "created_at" timestamptz not null default now(), "source_citation" text not null, "updated_at" timestamptz not null default now(), "archived_at" timestamptz null, "name" text not null, "category" text check ("category" in ('KITA', 'VOLUNTEER_INITIATIVE', 'COUNSELLING_CAFE', 'NEIGHBOURHOOD_INITIATIVE', 'STREET_WORK', 'OTHER_SOCIAL_SERVICE')) not null, "description" text null, "website" text null, "email" text null, "phone" text null, "district_ids" text[] not null, constraint "partner_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "partner_owner_id_index" on "partner" ("owner_id");`);
    this.addSql(`create index "partner_category_index" on "partner" ("category");`);
    this.addSql(`create index "partner_district_ids_index" on "partner" using gin ("district_ids");`);

    this.addSql(
      `create table "liaison" ("id" text not null, "owner_id" text not null, "version" int not null default 1, "source_kind" text check ("source_kind" in ('ARTICLE', 'PUBLIC_RECORD', 'ILLUSTRATIVE', 'PUBLISHER')) not null, "created_at" timestamptz not null default now(), "source_citation" text not null, "updated_at" timestamptz not null default now(), "archived_at" timestamptz null, "unit_id" text not null, "partner_id" text not null, "since" date null, "meeting_frequency" text check ("meeting_frequency" in ('WEEKLY', 'MONTHLY', 'QUARTERLY', 'AS_NEEDED')) null, "activity" text null, constraint "liaison_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "liaison_owner_id_index" on "liaison" ("owner_id");`);
    this.addSql(`create index "liaison_unit_id_index" on "liaison" ("unit_id");`);
    this.addSql(`create index "liaison_partner_id_index" on "liaison" ("partner_id");`);

    this.addSql(
      `alter table "liaison" add constraint "liaison_partner_id_foreign" foreign key ("partner_id") references "partner" ("id") on update cascade;`,
    );
  }
}
