import { Migration } from '@mikro-orm/migrations';

/**
 * The owners of what a site names in the organisations subgraph (its unit, the organisation running
 * it), stored with the reference when it is written, so reads can show the site only while the
 * reference is own or granted (docs/security.md, "References between publishers") without asking
 * the organisations subgraph for every site. References inside this subgraph (a site's district, a
 * service area's site and district, a city district's city) are read with the record they name.
 *
 * Backfill: a site written before this migration is taken to name its own owner's unit and, as its
 * organisation, an organisation that owns its own record (as every demo site does); a hub with other
 * references must grant them (GRANTS_REFERENCES) or correct the sites.
 */
export class Migration20261206020000ReferenceOwners extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "location" add column "unit_owner_id" text null, add column "organisation_owner_id" text null;`);
    this.addSql(
      `update "location" set "unit_owner_id" = case when "unit_id" is null then null else "owner_id" end, "organisation_owner_id" = "organisation_id";`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "location" drop column "unit_owner_id", drop column "organisation_owner_id";`);
  }
}
