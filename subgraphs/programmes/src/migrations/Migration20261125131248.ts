import { Migration } from '@mikro-orm/migrations';

export class Migration20261125131248 extends Migration {
  override async up(): Promise<void> {
    // pg_trgm, unaccent and hub_fold() first: the index "programme_name_fold_trgm" below uses them.
    // A copy of the kit's TEXT_SEARCH_SQL as it was when this migration was written: a migration must not change later.
    this.addSql(`create extension if not exists pg_trgm`);
    this.addSql(`create extension if not exists unaccent`);
    this.addSql(`create or replace function hub_fold(value text) returns text
     language sql immutable strict parallel safe
     as $$ select public.unaccent('public.unaccent'::regdictionary,
       replace(replace(replace(translate(replace(lower(value), 'ß', 'ss'), 'äöü', 'aou'), 'ae', 'a'), 'oe', 'o'), 'ue', 'u')) $$`);

    this.addSql(
      `create table "participation" ("id" text not null, "owner_id" text not null, "version" int not null default 1, "source_kind" text check ("source_kind" in ('ARTICLE', 'PUBLIC_RECORD', 'ILLUSTRATIVE', 'PUBLISHER')) not null, "created_at" timestamptz not null default now(), "source_citation" text not null, "updated_at" timestamptz not null default now(), "archived_at" timestamptz null, "programme_id" text not null, "year" int not null, "venue_id" text null, "participants" int not null, constraint "participation_pkey" primary key ("id"), constraint participation_figures_check check (participants >= 0 and year >= 1900 and year <= 2100));`,
    );
    this.addSql(`create index "participation_owner_id_index" on "participation" ("owner_id");`);
    this.addSql(`create index "participation_programme_id_year_index" on "participation" ("programme_id", "year");`);
    this.addSql(
      `create unique index "participation_programme_year_venue_unique" on "participation" ("programme_id", "year", coalesce("venue_id", '')) where "archived_at" is null;`,
    );

    this.addSql(
      `create table "intake" ("id" text not null, "owner_id" text not null, "version" int not null default 1, "source_kind" text check ("source_kind" in ('ARTICLE', 'PUBLIC_RECORD', 'ILLUSTRATIVE', 'PUBLISHER')) not null, "created_at" timestamptz not null default now(), "source_citation" text not null, "updated_at" timestamptz not null default now(), "archived_at" timestamptz null, "programme_id" text not null, "venue_id" text not null, "starts_on" date not null, "places" int not null, "places_taken" int not null, constraint "intake_pkey" primary key ("id"), constraint intake_places_check check (places >= 0 and places_taken >= 0));`,
    );
    this.addSql(`create index "intake_owner_id_index" on "intake" ("owner_id");`);
    this.addSql(`create index "intake_venue_id_starts_on_index" on "intake" ("venue_id", "starts_on");`);
    this.addSql(`create index "intake_programme_id_starts_on_index" on "intake" ("programme_id", "starts_on");`);

    this.addSql(
      `alter table "participation" add constraint "participation_programme_id_foreign" foreign key ("programme_id") references "programme" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "intake" add constraint "intake_programme_id_foreign" foreign key ("programme_id") references "programme" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(`alter table "programme" add column "eligibility" text null, add column "capacity_per_year" int null;`);
    this.addSql(`create index if not exists "programme_name_fold_trgm" on "programme" using gin (hub_fold("name") gin_trgm_ops);`);
    this.addSql(`create index "programme_name_id_index" on "programme" ("name", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "participation" cascade;`);

    this.addSql(`drop table if exists "intake" cascade;`);

    this.addSql(`drop index "programme_name_fold_trgm";`);
    this.addSql(`drop index "programme_name_id_index";`);
    this.addSql(`alter table "programme" drop column "eligibility", drop column "capacity_per_year";`);
  }
}
