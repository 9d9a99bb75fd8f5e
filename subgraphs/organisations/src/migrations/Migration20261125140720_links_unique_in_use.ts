import { Migration } from '@mikro-orm/migrations';

export class Migration20261125140720_links_unique_in_use extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "organisation_link" drop constraint "organisation_link_organisation_id_linked_id_relation_unique";`);

    this.addSql(
      `create unique index "organisation_link_current_unique" on "organisation_link" ("organisation_id", "linked_id", "relation") where "archived_at" is null;`,
    );
  }

  override async down(): Promise<void> {
    // Generated as `drop constraint`, which fails: a partial unique index is no constraint.
    this.addSql(`drop index if exists "organisation_link_current_unique";`);

    this.addSql(
      `alter table "organisation_link" add constraint "organisation_link_organisation_id_linked_id_relation_unique" unique ("organisation_id", "linked_id", "relation");`,
    );
  }
}
