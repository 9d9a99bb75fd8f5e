import type { EntityManager } from '@mikro-orm/postgresql';
import type { Caller } from '@jobcenter-hub/service';
import { localTime } from '@jobcenter-hub/subgraph';
import { demo } from '@jobcenter-hub/demo';
import { asUser, execute } from '../../../test/support/execute';
import { useTestSubgraph } from '../../../test/support/subgraph-db';
import { createProgrammesOrmConfig } from '../src/mikro-orm.config';
import { Intake } from '../src/modules/intake/intake.entity';
import { Participation } from '../src/modules/participation/participation.entity';
import { Programme, ProgrammeKind } from '../src/modules/programme/programme.entity';
import { seedIfEmpty } from '../src/seeders/demo.seeder';
import { createServer } from '../src/server';

export const JOBCENTER = 'jobcenter-kreis-recklinghausen';
export const ACADEMIES = ['loc-jcre-jobakademie-1', 'loc-jcre-jobakademie-2', 'loc-jcre-jobakademie-3'];
export const REHAPRO_HOUSE = 'loc-jcre-rehapro-haus';

/** A signed-in viewer: internal fields (participation figures, places taken) need one. */
export const VIEWER = asUser(JOBCENTER, 'viewer');

/** Today in Europe/Berlin when the test file started; the demo intakes are seeded relative to it. */
export const TODAY = localTime(new Date()).date;

/** `date` moved by `days` (YYYY-MM-DD). */
export const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The programmes subgraph on a fresh migrated database with the demo data (seeded as of `TODAY`), and
 * helpers that write extra rows for one test. Extra rows use invented ids and keys that never meet the
 * demo data's.
 */
export function useProgrammesSubgraph() {
  const subgraph = useTestSubgraph({
    database: 'programmes',
    createConfig: createProgrammesOrmConfig,
    seed: (em) => seedIfEmpty(em, TODAY),
    createServer,
    // Operators, venues and partners, and the grants of references, are asked of the real peers.
    peers: ['organisations', 'locations', 'partners'],
  });

  const write = async (fill: (em: EntityManager, ownerOf: (programmeId: string) => string) => void, programmeIds: string[] = []) => {
    const em = subgraph.orm.em.fork();
    // Intakes and figures are owned by their programme's owner (as the mutations make them).
    const programmes = await em.find(Programme, { id: { $in: programmeIds } });
    const owners = new Map(programmes.map((programme) => [programme.id, programme.ownerId]));
    fill(em, (programmeId) => owners.get(programmeId) ?? 'test-operator');
    await em.flush();
  };

  return {
    get orm() {
      return subgraph.orm;
    },
    /** The real organisations, locations and partners subgraphs this file's references are asked of. */
    get peers() {
      return subgraph.peers;
    },
    /** Where this file's subgraph finds its peers (a test may point one at a dead port). */
    get references() {
      return subgraph.references;
    },
    /**
     * A GRANTS_REFERENCES link from `granter` to `grantee`, published by an editor of the granter in the
     * organisations peer (grants take effect at once here: no cache); returns how to revoke it.
     */
    grant: async (granter: string, grantee: string): Promise<() => Promise<void>> => {
      const organisations = subgraph.peers.organisations!.parts;
      const created = await execute<{ createOrganisationLink: { id: string; version: number } }>(
        organisations,
        `mutation ($input: CreateOrganisationLinkInput!) { createOrganisationLink(input: $input) { id version } }`,
        { input: { organisationId: granter, linkedId: grantee, relation: 'GRANTS_REFERENCES' } },
        asUser(granter, 'editor'),
      );
      if (created.errors) throw new Error(`grant ${granter} > ${grantee}: ${JSON.stringify(created.errors)}`);
      const link = created.data!.createOrganisationLink;
      return async () => {
        const archived = await execute(
          organisations,
          `mutation ($id: ID!, $version: Int!) { archiveOrganisationLink(id: $id, version: $version) { id } }`,
          link,
          asUser(granter, 'editor'),
        );
        if (archived.errors) throw new Error(`revoke ${granter} > ${grantee}: ${JSON.stringify(archived.errors)}`);
      };
    },
    /** Runs one operation with a fresh request context (anonymous unless `caller` is given); counts its SQL statements. */
    run: <TData = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, caller?: Caller) =>
      execute<TData>(subgraph.parts, query, variables, caller),

    createProgrammes: (
      rows: {
        id: string;
        name?: string;
        kind?: ProgrammeKind;
        operatorId?: string;
        venueIds?: string[];
        partnerIds?: string[];
        archivedAt?: Date;
      }[],
    ) =>
      write((em) => {
        for (const row of rows) {
          // Every reference counts as the programme's owner's own (its stored target owners).
          const ownerId = row.operatorId ?? 'test-operator';
          em.create(Programme, {
            name: row.id,
            kind: ProgrammeKind.INDIVIDUAL_COACHING,
            operatorId: 'test-operator',
            operatorOwnerId: ownerId,
            venueIds: [],
            venueOwnerIds: (row.venueIds ?? []).map(() => ownerId),
            partnerIds: [],
            partnerOwnerIds: (row.partnerIds ?? []).map(() => ownerId),
            ownerId,
            source: demo.illustrative('test data'),
            ...row,
          });
        }
      }),

    createIntakes: (
      rows: { id: string; programme: string; venueId: string; startsOn: string; places: number; placesTaken?: number; archivedAt?: Date }[],
    ) =>
      write(
        (em, ownerOf) => {
          for (const row of rows) {
            // Owned by its programme's owner, at a venue that counts as that owner's own.
            em.create(Intake, {
              placesTaken: 0,
              ownerId: ownerOf(row.programme),
              venueOwnerId: ownerOf(row.programme),
              source: demo.illustrative('test data'),
              ...row,
            });
          }
        },
        rows.map((row) => row.programme),
      ),

    createFigures: (
      rows: { id: string; programme: string; year: number; participants: number; venueId?: string | null; archivedAt?: Date }[],
    ) =>
      write(
        (em, ownerOf) => {
          for (const row of rows) {
            em.create(Participation, {
              venueId: null,
              ownerId: ownerOf(row.programme),
              venueOwnerId: row.venueId ? ownerOf(row.programme) : null,
              source: demo.illustrative('test data'),
              ...row,
            });
          }
        },
        rows.map((row) => row.programme),
      ),
  };
}

/** The shape of every connection in a response. */
export interface Connection<T> {
  nodes: T[];
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** `_entities` with the given representations and selection. */
export const ENTITIES = (selection: string) =>
  `query ($representations: [_Any!]!) { _entities(representations: $representations) { ${selection} } }`;

export const representations = (typename: string, ids: string[]) => ({ representations: ids.map((id) => ({ __typename: typename, id })) });
