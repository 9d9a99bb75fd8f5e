import { Migration } from '@mikro-orm/migrations';

/** Partners' meetings and café hours (jsonb), and umlaut-insensitive name search (pg_trgm, unaccent, hub_fold). */
export class Migration20261125131144_meetings_search extends Migration {
  override async up(): Promise<void> {
    // The extensions and hub_fold() first: the trigram index below is built on hub_fold(name).
    // A copy of the kit's TEXT_SEARCH_SQL as it was when this migration was written: a migration must not change later.
    this.addSql(`create extension if not exists pg_trgm`);
    this.addSql(`create extension if not exists unaccent`);
    this.addSql(`create or replace function hub_fold(value text) returns text
     language sql immutable strict parallel safe
     as $$ select public.unaccent('public.unaccent'::regdictionary,
       replace(replace(replace(translate(replace(lower(value), 'ß', 'ss'), 'äöü', 'aou'), 'ae', 'a'), 'oe', 'o'), 'ue', 'u')) $$`);
    this.addSql(`alter table "partner" add column "meetings_data" jsonb not null default '[]';`);
    this.addSql(`create index "partner_meetings_data_index" on "partner" using gin ("meetings_data" jsonb_path_ops);`);
    this.addSql(`create index if not exists "partner_name_fold_trgm" on "partner" using gin (hub_fold("name") gin_trgm_ops);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "partner_meetings_data_index";`);
    this.addSql(`drop index "partner_name_fold_trgm";`);
    this.addSql(`alter table "partner" drop column "meetings_data";`);
  }
}
