import { Migration } from '@mikro-orm/migrations';

export class Migration20261125124936 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "district" ("id" text not null, "owner_id" text not null, "version" int not null default 1, "source_kind" text check ("source_kind" in ('ARTICLE', 'PUBLIC_RECORD', 'ILLUSTRATIVE', 'PUBLISHER')) not null, "created_at" timestamptz not null default now(), "source_citation" text not null, "updated_at" timestamptz not null default now(), "archived_at" timestamptz null, "name" text not null, "kind" text check ("kind" in ('MUNICIPALITY', 'CITY_DISTRICT')) not null, "official_key" text null, "parent_id" text null, constraint "district_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "district_owner_id_index" on "district" ("owner_id");`);
    this.addSql(`alter table "district" add constraint "district_official_key_unique" unique ("official_key");`);
    this.addSql(`create index "district_parent_id_index" on "district" ("parent_id");`);

    this.addSql(
      `create table "location" ("id" text not null, "owner_id" text not null, "version" int not null default 1, "source_kind" text check ("source_kind" in ('ARTICLE', 'PUBLIC_RECORD', 'ILLUSTRATIVE', 'PUBLISHER')) not null, "created_at" timestamptz not null default now(), "source_citation" text not null, "updated_at" timestamptz not null default now(), "archived_at" timestamptz null, "name" text not null, "street" text not null, "house_number" text not null, "postcode" text not null, "city" text not null, "latitude" double precision not null, "longitude" double precision not null, "district_id" text not null, "unit_id" text null, "organisation_id" text not null, constraint "location_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "location_owner_id_index" on "location" ("owner_id");`);
    this.addSql(`create index "location_postcode_index" on "location" ("postcode");`);
    this.addSql(`create index "location_district_id_index" on "location" ("district_id");`);
    this.addSql(`create index "location_unit_id_index" on "location" ("unit_id");`);
    this.addSql(`create index "location_organisation_id_index" on "location" ("organisation_id");`);

    this.addSql(
      `alter table "district" add constraint "district_parent_id_foreign" foreign key ("parent_id") references "district" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "location" add constraint "location_district_id_foreign" foreign key ("district_id") references "district" ("id") on update cascade;`,
    );
  }
}
