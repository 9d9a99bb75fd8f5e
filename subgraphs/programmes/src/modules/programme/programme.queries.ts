import { raw } from '@mikro-orm/core';
import { grantedSql, type Grants, type ReferenceTarget, textArray } from '@jobcenter-hub/subgraph';

/** The ids of a list reference (`venueIds` with `venueOwnerIds`) that the targets' owners let a row owned by `ownerId` show. */
export const visibleIds = (ids: readonly string[], owners: readonly string[], ownerId: string, grants: Grants): string[] =>
  ids.filter((_, index) => grants.allows(ownerId, owners[index]));

/**
 * SQL: programme `alias`'s list reference `column` (with the owners in `ownersColumn`) names one of `ids`,
 * and that target's owner lets it show. Two `?::text[]` parameters: the ids, then the grants.
 */
export const namesVisiblySql = (alias: string, column: 'venue_ids' | 'partner_ids') =>
  `exists (select 1 from unnest(${alias}.${column}, ${alias}.${column === 'venue_ids' ? 'venue_owner_ids' : 'partner_owner_ids'}) as named(id, owner) ` +
  `where named.id = any(?::text[]) and ${grantedSql(`${alias}.owner_id`, 'named.owner')})`;

/** `namesVisiblySql` as a programme condition for `em.find`. A raw fragment, good for one statement. */
export function namesVisibly(column: 'venue_ids' | 'partner_ids', ids: readonly string[], grants: Grants): Record<string, unknown> {
  return { [raw((alias: string) => namesVisiblySql(alias, column), [textArray(ids), grants.param])]: [] };
}

/** SQL: programme `alias`'s operator's owner lets it show (one `?::text[]`: the grants). */
export const operatorVisibleSql = (alias: string) => grantedSql(`${alias}.owner_id`, `${alias}.operator_owner_id`);

/** `operatorVisibleSql` as a programme condition for `em.find`. A raw fragment, good for one statement. */
export function operatorVisible(grants: Grants): Record<string, unknown> {
  return { [raw(operatorVisibleSql, [grants.param])]: [] };
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
