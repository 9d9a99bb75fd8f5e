import { Migration } from '@mikro-orm/migrations';

export class Migration20261125131117 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "district_indicator" ("id" text not null, "owner_id" text not null, "version" int not null default 1, "source_kind" text check ("source_kind" in ('ARTICLE', 'PUBLIC_RECORD', 'ILLUSTRATIVE', 'PUBLISHER')) not null, "created_at" timestamptz not null default now(), "source_citation" text not null, "updated_at" timestamptz not null default now(), "archived_at" timestamptz null, "district_id" text not null, "year" int not null, "population" int not null, "benefit_recipients" int not null, constraint "district_indicator_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "district_indicator_owner_id_index" on "district_indicator" ("owner_id");`);
    this.addSql(
      `alter table "district_indicator" add constraint "district_indicator_district_id_year_unique" unique ("district_id", "year");`,
    );

    this.addSql(
      `create table "service_area" ("id" text not null, "owner_id" text not null, "version" int not null default 1, "source_kind" text check ("source_kind" in ('ARTICLE', 'PUBLIC_RECORD', 'ILLUSTRATIVE', 'PUBLISHER')) not null, "created_at" timestamptz not null default now(), "source_citation" text not null, "updated_at" timestamptz not null default now(), "archived_at" timestamptz null, "location_id" text not null, "district_id" text not null, "postcodes" text[] not null, constraint "service_area_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "service_area_owner_id_index" on "service_area" ("owner_id");`);
    this.addSql(`create index "service_area_location_id_index" on "service_area" ("location_id");`);
    this.addSql(`create index "service_area_district_id_index" on "service_area" ("district_id");`);
    this.addSql(`create index "service_area_postcodes_index" on "service_area" using GIN ("postcodes");`);

    this.addSql(
      `alter table "district_indicator" add constraint "district_indicator_district_id_foreign" foreign key ("district_id") references "district" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "service_area" add constraint "service_area_location_id_foreign" foreign key ("location_id") references "location" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "service_area" add constraint "service_area_district_id_foreign" foreign key ("district_id") references "district" ("id") on update cascade;`,
    );

    this.addSql(`alter table "district" add column "latitude" double precision null, add column "longitude" double precision null;`);

    this.addSql(
      `alter table "location" add column "kind" text check ("kind" in ('HEADQUARTERS', 'DISTRICT_OFFICE', 'BRANCH_OFFICE', 'JOB_ACADEMY', 'REHAPRO_HOUSE', 'OTHER')) not null default 'OTHER', add column "opening_hours_data" jsonb null, add column "entrances_data" jsonb not null default '[]', add column "transport_stops_data" jsonb not null default '[]', add column "step_free" boolean null, add column "lift" boolean null, add column "accessible_toilet" boolean null, add column "hearing_loop" boolean null;`,
    );
    this.addSql(`create index "location_kind_index" on "location" ("kind");`);

    // Nearest-site search: earth positions with a GiST index (cube + earthdistance; PostGIS is not needed).
    this.addSql('create extension if not exists cube');
    this.addSql('create extension if not exists earthdistance');
    this.addSql(`create index "location_earth_gist" on "location" using gist (ll_to_earth("latitude", "longitude"))`);
    // Name search that ignores case, umlauts and ß spelling.
    // A copy of the kit's TEXT_SEARCH_SQL as it was when this migration was written: a migration must not change later.
    this.addSql(`create extension if not exists pg_trgm`);
    this.addSql(`create extension if not exists unaccent`);
    this.addSql(`create or replace function hub_fold(value text) returns text
     language sql immutable strict parallel safe
     as $$ select public.unaccent('public.unaccent'::regdictionary,
       replace(replace(replace(translate(replace(lower(value), 'ß', 'ss'), 'äöü', 'aou'), 'ae', 'a'), 'oe', 'o'), 'ue', 'u')) $$`);
    this.addSql(`create index if not exists "location_name_fold_trgm" on "location" using gin (hub_fold("name") gin_trgm_ops)`);
    this.addSql(`create index if not exists "district_name_fold_trgm" on "district" using gin (hub_fold("name") gin_trgm_ops)`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "district_indicator" cascade;`);

    this.addSql(`drop table if exists "service_area" cascade;`);

    this.addSql(`alter table "district" drop column "latitude", drop column "longitude";`);

    this.addSql('drop index if exists "location_earth_gist"');
    this.addSql('drop index if exists "location_name_fold_trgm"');
    this.addSql('drop index if exists "district_name_fold_trgm"');
    this.addSql(`drop index "location_kind_index";`);
    this.addSql(
      `alter table "location" drop column "kind", drop column "opening_hours_data", drop column "entrances_data", drop column "transport_stops_data", drop column "step_free", drop column "lift", drop column "accessible_toilet", drop column "hearing_loop";`,
    );
  }
}
