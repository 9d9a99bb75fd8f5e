import { raw } from '@mikro-orm/core';
import { grantKey, type ReferenceTarget, type References } from '@jobcenter-hub/subgraph';

// References between publishers at read time (docs/security.md "References between publishers"): a
// list shows a record through a reference to another organisation's record only while that
// organisation grants references to the record's owner. Each referencing row stores its target's owner
// (written at write time), so the rule is a condition in SQL: `owner = target owner, or the pair
// 'target owner>owner' is one of the live grants` — the grants travel as one text[] parameter, so the
// statement stays the same whatever their number.

/** A list of texts as a PostgreSQL array literal, each element quoted. */
export function textArray(values: readonly string[]): string {
  return `{${values.map((value) => JSON.stringify(value)).join(',')}}`;
}

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

/** SQL: the reference of a row owned by `owner` to a record owned by `targetOwner` is own or granted (one `?::text[]`: the grants). */
export const grantedSql = (owner: string, targetOwner: string) =>
  `(${targetOwner} = ${owner} or ${targetOwner} || '>' || ${owner} = any(?::text[]))`;

/** The ids of a list reference (`venueIds` with `venueOwnerIds`) that the targets' owners let a row owned by `ownerId` show. */
export const visibleIds = (ids: readonly string[], owners: readonly string[], ownerId: string, grants: Grants): string[] =>
  ids.filter((_, index) => grants.allows(ownerId, owners[index]));

/**
 * A programme condition for `em.find`: its list reference `column` (with the owners in `ownersColumn`)
 * names one of `ids`, and that target's owner lets it show. A raw fragment, good for one statement.
 */
export function namesVisibly(column: 'venue_ids' | 'partner_ids', ids: readonly string[], grants: Grants): Record<string, unknown> {
  const owners = column === 'venue_ids' ? 'venue_owner_ids' : 'partner_owner_ids';
  return {
    [raw(
      (alias: string) =>
        `exists (select 1 from unnest(${alias}.${column}, ${alias}.${owners}) as named(id, owner) ` +
        `where named.id = any(?::text[]) and ${grantedSql(`${alias}.owner_id`, 'named.owner')})`,
      [textArray(ids), grants.param],
    )]: [],
  };
}

/** A programme condition for `em.find`: its operator's owner lets it show. A raw fragment, good for one statement. */
export function operatorVisible(grants: Grants): Record<string, unknown> {
  return { [raw((alias: string) => grantedSql(`${alias}.owner_id`, `${alias}.operator_owner_id`), [grants.param])]: [] };
}

/**
 * SQL for an intake (or a participation figure) that may show: its venue's owner and its programme's
 * owner (`programmeOwner`, an SQL expression) let it (own or granted). Two `?::text[]` parameters: the
 * grants, twice. `venueOptional`: a row without a venue (a figure for all venues) passes the venue half.
 */
export const intakeVisibleSql = (intake: string, programmeOwner: string, venueOptional = false) =>
  `(${venueOptional ? `${intake}.venue_id is null or ` : ''}${grantedSql(`${intake}.owner_id`, `${intake}.venue_owner_id`)}) ` +
  `and ${grantedSql(`${intake}.owner_id`, programmeOwner)}`;

/** The owner of the programme of row `alias` (an intake or a figure), as an SQL expression. */
export const programmeOwnerOf = (alias: string) => `(select owner_id from programme where id = ${alias}.programme_id)`;

/** The programme an intake or a figure hangs off, as a reference of its input (checked with its local state). */
export const programmeTarget = (id: string): ReferenceTarget => ({ type: 'Programme', id, label: 'programme', field: 'input.programmeId' });
