import { type Caller, type Role, signDevToken } from '@jobcenter-hub/service';
import type { SubgraphParts } from '@jobcenter-hub/subgraph';
import { demo } from '@jobcenter-hub/demo';
import type { Client } from 'pg';
import { execute } from './execute';
import { post } from './hub';

/**
 * Helpers for tests of references between publishers (issue 12, docs/security.md "References between
 * publishers"): tokens of two demo organisations, and granting and revoking references
 * (`GRANTS_REFERENCES` links of the organisations subgraph) through the gateway or in-process.
 */

/** The two demo Jobcenters: the usual "own" and "other" organisation of a cross-organisation matrix. */
export const MUENSTER = demo.demoIds.jobcenterMuenster;
export const RECKLINGHAUSEN = demo.demoIds.jobcenterRecklinghausen;

/** `authorization` headers of a signed-in person of `organisationId` with `roles` (development tokens, as `npm run token`). */
export async function authorization(organisationId: string, ...roles: Role[]): Promise<Record<string, string>> {
  const token = await signDevToken(
    { subject: `test-${roles.join('-')}@${organisationId}`, organisationId, roles },
    { issuer: 'jobcenter-hub', audience: 'jobcenter-hub' },
  );
  return { authorization: `Bearer ${token}` };
}

/** Editors of both demo Jobcenters, and an admin (of Münster), as `authorization` headers. */
export async function twoOrganisations(): Promise<{
  muenster: Record<string, string>;
  recklinghausen: Record<string, string>;
  admin: Record<string, string>;
}> {
  return {
    muenster: await authorization(MUENSTER, 'editor'),
    recklinghausen: await authorization(RECKLINGHAUSEN, 'editor'),
    admin: await authorization(MUENSTER, 'admin'),
  };
}

/** A grant as created: archive it (with its `version`) to revoke it. */
export interface Grant {
  id: string;
  version: number;
}

const CREATE = `mutation ($input: CreateOrganisationLinkInput!) { createOrganisationLink(input: $input) { id version } }`;
const ARCHIVE = `mutation ($id: ID!, $version: Int!) { archiveOrganisationLink(id: $id, version: $version) { id version } }`;

const grantInput = (granterId: string, granteeId: string) => ({
  organisationId: granterId,
  ownerId: granterId,
  linkedId: granteeId,
  relation: 'GRANTS_REFERENCES',
});

/**
 * `granterId` grants `granteeId` references (records owned by the grantee may point at the granter's
 * units, sites, districts, partners), through the gateway at `gatewayUrl`, by an editor of the granter
 * (or any `headers` given, e.g. an admin's). Throws with the errors when refused.
 */
export async function grantReferences(
  gatewayUrl: string,
  granterId: string,
  granteeId: string,
  headers?: Record<string, string>,
): Promise<Grant> {
  const { body } = await post<{ createOrganisationLink: Grant }>(
    gatewayUrl,
    CREATE,
    { input: grantInput(granterId, granteeId) },
    headers ?? (await authorization(granterId, 'editor')),
  );
  if (!body.data?.createOrganisationLink) throw new Error(`grant ${granterId} > ${granteeId} refused: ${JSON.stringify(body.errors)}`);
  return body.data.createOrganisationLink;
}

/** Revokes a grant made by `grantReferences` (archives the link) through the gateway. */
export async function revokeReferences(
  gatewayUrl: string,
  granterId: string,
  grant: Grant,
  headers?: Record<string, string>,
): Promise<void> {
  const { body } = await post(gatewayUrl, ARCHIVE, { ...grant }, headers ?? (await authorization(granterId, 'editor')));
  if (body.errors) throw new Error(`revoking grant ${grant.id} refused: ${JSON.stringify(body.errors)}`);
}

const admin: Caller = { kind: 'user', subject: 'test-admin', organisationId: MUENSTER, roles: new Set<Role>(['admin']) };

/**
 * In-process tests (`useTestSubgraph`): the same grant on the organisations peer's parts
 * (`subgraph.peers.organisations!.parts`), or on the organisations subgraph under test.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function grantReferencesIn(organisations: SubgraphParts<any>, granterId: string, granteeId: string): Promise<Grant> {
  const { data, errors } = await execute<{ createOrganisationLink: Grant }>(
    organisations,
    CREATE,
    { input: grantInput(granterId, granteeId) },
    admin,
  );
  if (!data?.createOrganisationLink) throw new Error(`grant ${granterId} > ${granteeId} refused: ${JSON.stringify(errors)}`);
  return data.createOrganisationLink;
}

/** Revokes a grant made by `grantReferencesIn`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function revokeReferencesIn(organisations: SubgraphParts<any>, grant: Grant): Promise<void> {
  const { errors } = await execute(organisations, ARCHIVE, { ...grant }, admin);
  if (errors) throw new Error(`revoking grant ${grant.id} refused: ${JSON.stringify(errors)}`);
}

/** Rows of each of `tables` in `db` (keys `${prefix}${table}`): a refused write changes none. */
export async function rowCounts(db: Client, tables: string[], prefix = ''): Promise<Record<string, number>> {
  const { rows } = await db.query<{ table: string; n: string }>(
    tables.map((table) => `select '${table}' as table, count(*) as n from ${table}`).join(' union all '),
  );
  return Object.fromEntries(rows.map((row) => [`${prefix}${row.table}`, Number(row.n)]));
}

/**
 * `grantReferences` through the gateway by an editor of the granter; returns how to revoke it
 * (`revokeReferences`). Either throws with the errors when refused.
 */
export async function grantRevocable(gatewayUrl: string, granterId: string, granteeId: string): Promise<() => Promise<void>> {
  const grant = await grantReferences(gatewayUrl, granterId, granteeId);
  return () => revokeReferences(gatewayUrl, granterId, grant);
}
