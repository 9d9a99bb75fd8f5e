import { Migration } from '@mikro-orm/migrations';

/** The relation GRANTS_REFERENCES (consent to references between publishers), and an index for the live grants. */
export class Migration20261206020000_grants_references extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "organisation_link" drop constraint if exists "organisation_link_relation_check";`);
    this.addSql(
      `alter table "organisation_link" add constraint "organisation_link_relation_check" check ("relation" in ('COOPERATES_WITH', 'STAFF_EMPLOYER', 'GRANTS_REFERENCES'));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "organisation_link" where "relation" = 'GRANTS_REFERENCES';`);
    this.addSql(`alter table "organisation_link" drop constraint if exists "organisation_link_relation_check";`);
    this.addSql(
      `alter table "organisation_link" add constraint "organisation_link_relation_check" check ("relation" in ('COOPERATES_WITH', 'STAFF_EMPLOYER'));`,
    );
  }
}
