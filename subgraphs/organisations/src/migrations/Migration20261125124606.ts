import { Migration } from '@mikro-orm/migrations';

export class Migration20261125124606 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "organisation" ("id" text not null, "owner_id" text not null, "version" int not null default 1, "source_kind" text check ("source_kind" in ('ARTICLE', 'PUBLIC_RECORD', 'ILLUSTRATIVE', 'PUBLISHER')) not null, "created_at" timestamptz not null default now(), "source_citation" text not null, "updated_at" timestamptz not null default now(), "archived_at" timestamptz null, "name" text not null, "kind" text check ("kind" in ('JOBCENTER', 'DISTRICT_COUNTY', 'MUNICIPALITY', 'CITY_DEPARTMENT', 'PARTNER_UMBRELLA')) not null, "jobcenter_model" text check ("jobcenter_model" in ('MUNICIPAL', 'JOINT')) null, "municipality_keys" text[] not null, "managing_director" text null, "parent_id" text null, constraint "organisation_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "organisation_owner_id_index" on "organisation" ("owner_id");`);
    this.addSql(`create index "organisation_kind_index" on "organisation" ("kind");`);
    this.addSql(`create index "organisation_parent_id_index" on "organisation" ("parent_id");`);

    this.addSql(
      `create table "organisation_unit" ("id" text not null, "owner_id" text not null, "version" int not null default 1, "source_kind" text check ("source_kind" in ('ARTICLE', 'PUBLIC_RECORD', 'ILLUSTRATIVE', 'PUBLISHER')) not null, "created_at" timestamptz not null default now(), "source_citation" text not null, "updated_at" timestamptz not null default now(), "archived_at" timestamptz null, "organisation_id" text not null, "parent_id" text null, "name" text not null, "kind" text check ("kind" in ('HEADQUARTERS', 'DISTRICT_OFFICE', 'BRANCH_OFFICE', 'JOB_ACADEMY', 'REHAPRO_HOUSE', 'TEAM')) not null, "team_function" text check ("team_function" in ('PLACEMENT', 'BENEFITS', 'RECEPTION')) null, "employer_id" text null, constraint "organisation_unit_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "organisation_unit_owner_id_index" on "organisation_unit" ("owner_id");`);
    this.addSql(`create index "organisation_unit_organisation_id_index" on "organisation_unit" ("organisation_id");`);
    this.addSql(`create index "organisation_unit_parent_id_index" on "organisation_unit" ("parent_id");`);
    this.addSql(`create index "organisation_unit_employer_id_index" on "organisation_unit" ("employer_id");`);

    this.addSql(
      `alter table "organisation" add constraint "organisation_parent_id_foreign" foreign key ("parent_id") references "organisation" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table "organisation_unit" add constraint "organisation_unit_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "organisation_unit" add constraint "organisation_unit_parent_id_foreign" foreign key ("parent_id") references "organisation_unit" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "organisation_unit" add constraint "organisation_unit_employer_id_foreign" foreign key ("employer_id") references "organisation" ("id") on update cascade on delete set null;`,
    );
  }
}
