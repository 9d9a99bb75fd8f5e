import { Migration } from '@mikro-orm/migrations';

/** Links between organisations (e.g. a Jobcenter and city departments), and umlaut-insensitive name search. */
export class Migration20261125131936_links_search extends Migration {
  override async up(): Promise<void> {
    // The extensions and hub_fold() first: the trigram indexes below are built on hub_fold(name).
    // A copy of the kit's TEXT_SEARCH_SQL as it was when this migration was written: a migration must not change later.
    this.addSql(`create extension if not exists pg_trgm`);
    this.addSql(`create extension if not exists unaccent`);
    this.addSql(`create or replace function hub_fold(value text) returns text
     language sql immutable strict parallel safe
     as $$ select public.unaccent('public.unaccent'::regdictionary,
       replace(replace(replace(translate(replace(lower(value), 'ß', 'ss'), 'äöü', 'aou'), 'ae', 'a'), 'oe', 'o'), 'ue', 'u')) $$`);
    this.addSql(
      `create table "organisation_link" ("id" text not null, "owner_id" text not null, "version" int not null default 1, "source_kind" text check ("source_kind" in ('ARTICLE', 'PUBLIC_RECORD', 'ILLUSTRATIVE', 'PUBLISHER')) not null, "created_at" timestamptz not null default now(), "source_citation" text not null, "updated_at" timestamptz not null default now(), "archived_at" timestamptz null, "organisation_id" text not null, "linked_id" text not null, "relation" text check ("relation" in ('COOPERATES_WITH', 'STAFF_EMPLOYER')) not null, "since" date null, constraint "organisation_link_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "organisation_link_owner_id_index" on "organisation_link" ("owner_id");`);
    this.addSql(`create index "organisation_link_linked_id_index" on "organisation_link" ("linked_id");`);
    this.addSql(
      `alter table "organisation_link" add constraint "organisation_link_organisation_id_linked_id_relation_unique" unique ("organisation_id", "linked_id", "relation");`,
    );

    this.addSql(
      `alter table "organisation_link" add constraint "organisation_link_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "organisation_link" add constraint "organisation_link_linked_id_foreign" foreign key ("linked_id") references "organisation" ("id") on update cascade;`,
    );

    this.addSql(`create index "organisation_municipality_keys_index" on "organisation" using gin ("municipality_keys");`);
    this.addSql(`create index if not exists "organisation_name_fold_trgm" on "organisation" using gin (hub_fold("name") gin_trgm_ops);`);

    this.addSql(
      `create index if not exists "organisation_unit_name_fold_trgm" on "organisation_unit" using gin (hub_fold("name") gin_trgm_ops);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "organisation_link" cascade;`);

    this.addSql(`drop index "organisation_municipality_keys_index";`);
    this.addSql(`drop index "organisation_name_fold_trgm";`);

    this.addSql(`drop index "organisation_unit_name_fold_trgm";`);
  }
}
