import { raw } from '@mikro-orm/core';
import { grantKey, type References } from '@jobcenter-hub/subgraph';

// References between publishers at read time (docs/security.md "References between publishers"): a
// list shows a record through a reference to another organisation's record only while that
// organisation grants references to the record's owner. Each referencing row stores its target's owner
// (written at write time), so the rule is a condition in SQL: `owner = target owner, or the pair
// 'target owner>owner' is one of the live grants` — the grants travel as one text[] parameter, so the
// statement stays the same whatever their number.

/**
 * The live grants of a request (`ctx.references.grants()`), as a set for checks in code and as one
 * PostgreSQL text[] literal for a `?::text[]` parameter. Also a loader filter (`perFilter`): its JSON is a
 * short name of its own, so the loaders of a request are told apart without printing every grant.
 */
export class Grants {
  private static readonly bySet = new WeakMap<ReadonlySet<string>, Grants>();
  private static made = 0;
  readonly param: string;
  private readonly name: string;

  private constructor(readonly set: ReadonlySet<string>) {
    this.param = textArray([...set].sort());
    this.name = `grants-${(Grants.made += 1)}`;
  }

  /**
   * The grants of this request (cached briefly across requests): SERVICE_UNAVAILABLE when the
   * organisations subgraph cannot say. One `Grants` per answer, however many fields ask.
   */
  static async of(ctx: { references: References }): Promise<Grants> {
    const set = await ctx.references.grants();
    let grants = Grants.bySet.get(set);
    if (!grants) {
      grants = new Grants(set);
      Grants.bySet.set(set, grants);
    }
    return grants;
  }

  /** Whether a row owned by `ownerId` may show its reference to a record owned by `targetOwnerId`. */
  allows(ownerId: string, targetOwnerId: string | null | undefined): boolean {
    return !!targetOwnerId && (targetOwnerId === ownerId || this.set.has(grantKey(targetOwnerId, ownerId)));
  }

  toJSON(): string {
    return this.name;
  }
}

/** A list of texts as a PostgreSQL array literal, each element quoted. */
export function textArray(values: readonly string[]): string {
  return `{${values.map((value) => JSON.stringify(value)).join(',')}}`;
}

/**
 * The owner of the public reference layer's districts (Germany's Länder, Kreise and Gemeinden from the
 * municipality register, written by `npm run data:import`; the locations subgraph's
 * `REFERENCE_LAYER_OWNER`). It is no organisation and grants nothing: a partner may say it serves such a
 * district (where it works, as a site says where it is) without a grant. City districts and other
 * districts a publisher adds need their publisher's grant.
 */
export const REFERENCE_LAYER_OWNER = 'destatis';

/** Whether a partner owned by `ownerId` may show that it serves a district owned by `districtOwnerId`. */
export const mayServe = (grants: Grants, ownerId: string, districtOwnerId: string | null | undefined) =>
  districtOwnerId === REFERENCE_LAYER_OWNER || grants.allows(ownerId, districtOwnerId);

/** SQL: `mayServe` for a partner's owner `owner` and a district's owner `districtOwner` (one `?::text[]`: the grants). */
export const servesSql = (owner: string, districtOwner: string) =>
  `(${districtOwner} = '${REFERENCE_LAYER_OWNER}' or ${grantedSql(owner, districtOwner)})`;

/** SQL: the reference of a row owned by `owner` to a record owned by `targetOwner` is own or granted (one `?::text[]`: the grants). */
export const grantedSql = (owner: string, targetOwner: string) =>
  `(${targetOwner} = ${owner} or ${targetOwner} || '>' || ${owner} = any(?::text[]))`;

/** The district ids of a partner that it may show it serves (`mayServe`: own, granted, or of the reference layer). */
export function visibleDistrictIds(partner: { ownerId: string; districtIds: string[]; districtOwnerIds: string[] }, grants: Grants) {
  return partner.districtIds.filter((_, index) => mayServe(grants, partner.ownerId, partner.districtOwnerIds[index]));
}

/**
 * A partner condition for `em.find`: it serves one of `districtIds` and may show it there (`mayServe`).
 * A raw fragment, good for one statement (build it anew for each).
 */
export function servesDistrictsVisibly(districtIds: readonly string[], grants: Grants): Record<string, unknown> {
  return {
    [raw(
      (alias: string) =>
        `exists (select 1 from unnest(${alias}.district_ids, ${alias}.district_owner_ids) as served(id, owner) ` +
        `where served.id = any(?::text[]) and ${servesSql(`${alias}.owner_id`, 'served.owner')})`,
      [textArray(districtIds), grants.param],
    )]: [],
  };
}

/**
 * A liaison condition for `em.find`: the unit's owner lets it show (own or granted), and its partner is
 * live and lets it show too. A raw fragment, good for one statement.
 */
export function liaisonVisible(grants: Grants): Record<string, unknown> {
  return {
    [raw(
      (alias: string) =>
        `(${grantedSql(`${alias}.owner_id`, `${alias}.unit_owner_id`)} and exists (select 1 from partner as named ` +
        `where named.id = ${alias}.partner_id and named.archived_at is null and ${grantedSql(`${alias}.owner_id`, 'named.owner_id')}))`,
      [grants.param, grants.param],
    )]: [],
  };
}
