import { Migration } from '@mikro-orm/migrations';

// The demo data's targets and their owners as they were when this migration was written (a migration
// must not change later, so they are copied here rather than read from the demo package).
const MS = 'jobcenter-muenster';
const RE = 'jobcenter-kreis-recklinghausen';
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
const DEMO_LOCATION_OWNERS: [string, string][] = [
  ...[
    'zentrale',
    'rehapro-haus',
    'jobakademie-1',
    'jobakademie-2',
    'jobakademie-3',
    ...RE_CITIES.map((city) => `bezirksstelle-${city}`),
  ].map((unit): [string, string] => [`loc-jcre-${unit}`, RE]),
  ...['mitte', 'kinderhaus', 'coerde', 'ost', 'west', 'suedost', 'hiltrup'].map((branch): [string, string] => [
    `loc-jcms-nebenstelle-${branch}`,
    MS,
  ]),
];
/** The demo organisations publish themselves. */
const DEMO_ORGANISATION_OWNERS: [string, string][] = [
  'kreis-recklinghausen',
  RE,
  ...RE_CITIES.map((city) => `stadt-${city}`),
  'stadt-muenster',
  MS,
  'stadt-muenster-jugendamt',
  'stadt-muenster-sozialamt',
  'stadt-recklinghausen-sozialamt',
].map((id): [string, string] => [id, id]);

/** `(values ('a', 'b'), …)` of literal pairs (ids are slugs: no quote to escape). */
const values = (pairs: [string, string][]) => `(values ${pairs.map(([id, owner]) => `('${id}', '${owner}')`).join(', ')})`;

/** The owners of an array column's ids, in order ('' for an id not in `pairs`). */
const ownersOf = (column: string, pairs: [string, string][]) =>
  `coalesce((select array_agg(coalesce(known.owner, '') order by named.n)
     from unnest(${column}) with ordinality as named(id, n)
     left join ${values(pairs)} as known(id, owner) on known.id = named.id), '{}')`;

/**
 * References between publishers: each referencing row keeps the owner of what it names, written at
 * write time, so lists can leave out references that their target's owner has not granted (or has
 * revoked) in SQL. Existing rows get the owners of the demo data's targets; a row naming anything else
 * (an id the hub does not know, or a record written before these checks) gets '' / null, which no grant
 * matches, so it stays out of every list that shows it through the reference until it is saved again.
 */
export class Migration20261206030000_reference_owners extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "programme" add column "operator_owner_id" text null, ` +
        `add column "venue_owner_ids" text[] not null default '{}', add column "partner_owner_ids" text[] not null default '{}';`,
    );
    this.addSql(
      `update "programme" p set "operator_owner_id" = o.owner from ${values(DEMO_ORGANISATION_OWNERS)} as o(id, owner) where o.id = p."operator_id";`,
    );
    this.addSql(`update "programme" set "venue_owner_ids" = ${ownersOf('"venue_ids"', DEMO_LOCATION_OWNERS)};`);
    // No demo programme names a partner: every partner_owner_ids element stays '' (unknown).
    this.addSql(`update "programme" set "partner_owner_ids" = array_fill(''::text, array[cardinality("partner_ids")]);`);

    this.addSql(`alter table "intake" add column "venue_owner_id" text null;`);
    this.addSql(
      `update "intake" i set "venue_owner_id" = l.owner from ${values(DEMO_LOCATION_OWNERS)} as l(id, owner) where l.id = i."venue_id";`,
    );

    this.addSql(`alter table "participation" add column "venue_owner_id" text null;`);
    this.addSql(
      `update "participation" f set "venue_owner_id" = l.owner from ${values(DEMO_LOCATION_OWNERS)} as l(id, owner) where l.id = f."venue_id";`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "programme" drop column "operator_owner_id", drop column "venue_owner_ids", drop column "partner_owner_ids";`);
    this.addSql(`alter table "intake" drop column "venue_owner_id";`);
    this.addSql(`alter table "participation" drop column "venue_owner_id";`);
  }
}
