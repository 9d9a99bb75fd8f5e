import { Migration } from '@mikro-orm/migrations';

/**
 * The reference layer for all of Germany (issue 14): districts of every level with area and population
 * figures, the postcode ↔ Gemeinde links, and the indexes its lookups need at full size.
 */
export class Migration20261206040000GermanyReferenceLayer extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "district" drop constraint if exists "district_kind_check";`);
    this.addSql(
      `alter table "district" add constraint "district_kind_check" check ("kind" in ('STATE', 'ADMINISTRATIVE_REGION', 'DISTRICT_COUNTY', 'INDEPENDENT_CITY', 'MUNICIPALITY', 'UNINCORPORATED_AREA', 'CITY_DISTRICT'));`,
    );
    this.addSql(
      `alter table "district" add column "area_km2" double precision null, add column "populations_data" jsonb not null default '[]';`,
    );
    // Nearest Gemeinde centre to a point (responsibleLocations by latitude/longitude).
    this.addSql(
      `create index "district_earth_gist" on "district" using gist (ll_to_earth("latitude", "longitude")) where "latitude" is not null and "longitude" is not null;`,
    );
    // Lists of one kind (e.g. every Land) without reading the whole layer.
    this.addSql(`create index "district_kind_index" on "district" ("kind");`);

    this.addSql(
      `create table "postcode" ("postcode" text not null, "district_id" text not null, "place" text not null, constraint "postcode_pkey" primary key ("postcode", "district_id"));`,
    );
    this.addSql(`create index "postcode_district_id_index" on "postcode" ("district_id");`);
    this.addSql(
      `alter table "postcode" add constraint "postcode_district_id_foreign" foreign key ("district_id") references "district" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "postcode" cascade;`);
    this.addSql(`drop index if exists "district_kind_index";`);
    this.addSql(`drop index if exists "district_earth_gist";`);
    this.addSql(`alter table "district" drop column "area_km2", drop column "populations_data";`);
    this.addSql(`alter table "district" drop constraint if exists "district_kind_check";`);
    this.addSql(`alter table "district" add constraint "district_kind_check" check ("kind" in ('MUNICIPALITY', 'CITY_DISTRICT'));`);
  }
}
