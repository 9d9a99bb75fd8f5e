import { Migration } from '@mikro-orm/migrations';
import { OrganisationRelation } from '../modules/organisation-link/organisation-link.entity';
import { demoGrants, demoLinks } from '../seeders/demo.seeder';

/** Every GRANTS_REFERENCES link of the demo. */
const grants = () => [...demoLinks(), ...demoGrants()].filter((link) => link.relation === OrganisationRelation.GRANTS_REFERENCES);

/**
 * A database seeded with the demo before references needed consent gets the demo's GRANTS_REFERENCES
 * links (`demoGrants` and the one among `demoLinks`), so it keeps showing what it showed. Only where the demo data is (its link
 * `link-jobcenter-kreis-recklinghausen-stadt-recklinghausen-staff-employer` exists) and both
 * organisations are there; a fresh database is seeded after the migrations and gets them from the seeder.
 */
export class Migration20261206020100_demo_grants extends Migration {
  override async up(): Promise<void> {
    for (const grant of grants()) {
      const id = `link-${grant.organisation}-${grant.linked}-grants-references`;
      this.addSql(
        this.getKnex().raw(
          `insert into "organisation_link" ("id", "owner_id", "source_kind", "source_citation", "organisation_id", "linked_id", "relation")
         select ?, ?, ?, ?, ?, ?, 'GRANTS_REFERENCES'
         where exists (select 1 from "organisation_link" where "id" = 'link-jobcenter-kreis-recklinghausen-stadt-recklinghausen-staff-employer')
           and exists (select 1 from "organisation" where "id" = ?)
           and exists (select 1 from "organisation" where "id" = ?)
         on conflict do nothing`,
          [
            id,
            grant.organisation,
            grant.source.kind,
            grant.source.citation,
            grant.organisation,
            grant.linked,
            grant.organisation,
            grant.linked,
          ],
        ),
      );
    }
  }

  override async down(): Promise<void> {
    for (const grant of grants()) {
      this.addSql(
        this.getKnex().raw(`delete from "organisation_link" where "id" = ?`, [
          `link-${grant.organisation}-${grant.linked}-grants-references`,
        ]),
      );
    }
  }
}
