import { Migration } from '@mikro-orm/migrations';

// The demo data's targets and their owners as they were when this migration was written (a migration
// must not change later, so they are copied here rather than read from the demo package).
const MS = 'jobcenter-muenster';
const RE = 'jobcenter-kreis-recklinghausen';
const MS_BRANCHES = ['mitte', 'kinderhaus', 'coerde', 'ost', 'west', 'suedost', 'hiltrup'];
const RE_CITIES = [
  'castrop-rauxel',
  'datteln',
  'dorsten',
  'gladbeck',
  'haltern-am-see',
  'herten',
  'marl',
  'oer-erkenschwick',
  'recklinghausen',
  'waltrop',
];
const DEMO_UNIT_OWNERS: [string, string][] = [
  ...['jcre-zentrale', 'jcre-rehapro-haus', 'jcre-jobakademie-1', 'jcre-jobakademie-2', 'jcre-jobakademie-3'].map(
    (id): [string, string] => [id, RE],
  ),
  ...RE_CITIES.map((city): [string, string] => [`jcre-bezirksstelle-${city}`, RE]),
  ...MS_BRANCHES.flatMap((branch) =>
    ['', '-vermittlung', '-leistung', '-eingang'].map((team): [string, string] => [`jcms-nebenstelle-${branch}${team}`, MS]),
  ),
];
const DEMO_DISTRICT_OWNERS: [string, string][] = [
  ...RE_CITIES.map((city): [string, string] => [city, `stadt-${city}`]),
  ...['muenster', 'muenster-mitte', 'muenster-nord', 'muenster-ost', 'muenster-west', 'muenster-suedost', 'muenster-hiltrup'].map(
    (id): [string, string] => [id, 'stadt-muenster'],
  ),
];

/** `(values ('a', 'b'), …)` of literal pairs (ids are slugs: no quote to escape). */
const values = (pairs: [string, string][]) => `(values ${pairs.map(([id, owner]) => `('${id}', '${owner}')`).join(', ')})`;

/**
 * References between publishers: each referencing row keeps the owner of what it names, written at
 * write time, so lists can leave out references that their target's owner has not granted (or has
 * revoked) in SQL. Existing rows get the owners of the demo data's targets; a row naming anything else
 * (an id the hub does not know, or a record written before these checks) gets '' / null, which no grant
 * matches, so it stays out of every list that shows it through the reference until it is saved again.
 */
export class Migration20261206030000_reference_owners extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "liaison" add column "unit_owner_id" text null;`);
    this.addSql(
      `update "liaison" l set "unit_owner_id" = d.owner from ${values(DEMO_UNIT_OWNERS)} as d(id, owner) where d.id = l."unit_id";`,
    );
    // Parallel to district_ids: district_owner_ids[i] owns district_ids[i] ('' when unknown).
    this.addSql(`alter table "partner" add column "district_owner_ids" text[] not null default '{}';`);
    this.addSql(
      `update "partner" p set "district_owner_ids" = coalesce((
         select array_agg(coalesce(d.owner, '') order by u.n)
           from unnest(p."district_ids") with ordinality as u(id, n)
           left join ${values(DEMO_DISTRICT_OWNERS)} as d(id, owner) on d.id = u.id), '{}');`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "liaison" drop column "unit_owner_id";`);
    this.addSql(`alter table "partner" drop column "district_owner_ids";`);
  }
}
