import {
  badUserInput,
  type Caller,
  ErrorCode,
  GATEWAY_SECRET_HEADER,
  type InternalHandler,
  subgraphCredential,
} from '@jobcenter-hub/service';
import type { EntityClass, EntityManager, MikroORM } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { GraphQLError } from 'graphql';
import { isPlausibleReferenceId } from './checks';
import { forkRequestEm, WITH_ARCHIVED } from './soft-delete';
import { writeTransaction } from './transaction-scope';

/**
 * References between publishers (docs/security.md "References between publishers"): a record may name a
 * record of another subgraph (a unit, a site, a district, a partner, a programme). The storing subgraph
 * asks the owning subgraph over its internal endpoints whether the target exists, is archived, and who
 * owns it; and asks the organisations subgraph which organisations grant references to which
 * (`GRANTS_REFERENCES` links). A subgraph answers its own types locally, without HTTP.
 *
 * Internal endpoints (served by every subgraph's HTTP server next to `/graphql`, not in the schema; the
 * gateway's `x-gateway-secret` is required whenever GATEWAY_SHARED_SECRET is set):
 * - `POST /internal/references` `{"type":"Location","ids":["a","b"]}` (at most 1000 ids) →
 *   `{"states":[{"id":"a","ownerId":"jcms","archived":false}]}`; unknown ids are missing, archived
 *   records are there with `archived: true`; `Organisation` states carry `municipalityKeys`.
 * - `GET /internal/grants` (organisations only) → `{"grants":[{"granterId":"kreis-re","granteeId":"jcms"}]}`,
 *   the live GRANTS_REFERENCES links.
 */
export type ReferenceType = 'Organisation' | 'OrganisationUnit' | 'Location' | 'District' | 'Partner' | 'Programme';

/** The four subgraphs of the hub whose records other records name. */
export type CoreSubgraph = 'organisations' | 'locations' | 'partners' | 'programmes';

/** Which subgraph owns (and answers for) each reference type. */
export const REFERENCE_OWNERS: Readonly<Record<ReferenceType, CoreSubgraph>> = {
  Organisation: 'organisations',
  OrganisationUnit: 'organisations',
  Location: 'locations',
  District: 'locations',
  Partner: 'partners',
  Programme: 'programmes',
};
export const REFERENCE_TYPES = Object.keys(REFERENCE_OWNERS) as ReferenceType[];
export const CORE_SUBGRAPHS: readonly CoreSubgraph[] = ['organisations', 'locations', 'partners', 'programmes'];

export interface ReferenceState {
  id: string;
  /** The organisation that owns the target. */
  ownerId: string;
  archived: boolean;
  /** `Organisation` only: the official municipality keys (AGS) of its area. */
  municipalityKeys?: string[];
}

/** What a request knows about records of other publishers: `ctx.references`. */
export interface References {
  /** The state of record `id` of `type` (null when there is none). Batched per request: one call per type and tick; never cached across requests. */
  state(type: ReferenceType, id: string): Promise<ReferenceState | null>;
  /**
   * The live grant pairs, as `'granterId>granteeId'`. For reads cached process-wide for REFERENCE_CACHE_MS
   * (default 2000 ms) by subgraphs other than organisations; `{ fresh: true }` (writes) asks anew (once per request).
   */
  grants(options?: { fresh?: boolean }): Promise<ReadonlySet<string>>;
}

/** The pair key of a grant in `References.grants()`. */
export const grantKey = (granterId: string, granteeId: string): string => `${granterId}>${granteeId}`;

/**
 * Read time: whether a record owned by `recordOwnerId` shows through its reference to a target owned by
 * `targetOwnerId` — an own reference, or one the target's owner grants (`grants` from `References.grants()`).
 */
export const referenceShows = (grants: ReadonlySet<string>, targetOwnerId: string, recordOwnerId: string): boolean =>
  targetOwnerId === recordOwnerId || grants.has(grantKey(targetOwnerId, recordOwnerId));

/**
 * `referenceShows` for records one at a time, asking for the grants only when a reference is foreign (an
 * own reference needs no call); the answer is the request's (one ask per request).
 */
export async function referenceVisible(references: References, targetOwnerId: string, recordOwnerId: string): Promise<boolean> {
  return targetOwnerId === recordOwnerId || referenceShows(await references.grants(), targetOwnerId, recordOwnerId);
}

/** The most ids one `POST /internal/references` may ask about (the caller splits longer lists). */
export const MAX_REFERENCE_IDS = 1000;
export const REFERENCES_PATH = '/internal/references';
export const GRANTS_PATH = '/internal/grants';
export const DEFAULT_REFERENCE_TIMEOUT_MS = 3000;
export const DEFAULT_REFERENCE_CACHE_MS = 2000;

/** A published record (id, owner, archive marker) as a reference state. */
export function referenceStateOf(record: { id: string; ownerId: string; archivedAt?: Date | null }): ReferenceState {
  return { id: record.id, ownerId: record.ownerId, archived: !!record.archivedAt };
}

/** How a subgraph answers one of its own reference types. */
export interface LocalReferenceType {
  /** The entity class of the records (a `PublishedEntity`: `id`, `ownerId`, `archivedAt`). */
  entity: EntityClass<{ id: string; ownerId: string; archivedAt?: Date | null }>;
  /** Further fields of the state (Organisation: `municipalityKeys`). */
  extra?: (record: never) => Partial<ReferenceState>;
}

/** What a subgraph answers itself: its own types (and, for organisations, the grants). Registered in its `server.ts`. */
export interface LocalReferences {
  types: Partial<Record<ReferenceType, LocalReferenceType>>;
  /** organisations only: the live GRANTS_REFERENCES links. */
  grants?: (em: EntityManager) => Promise<{ granterId: string; granteeId: string }[]>;
}

/** Where the other subgraphs are, and how long to wait and cache (from the subgraph's env: `referenceSettingsFromEnv`). */
export interface ReferenceSettings {
  /** The core subgraphs' GraphQL URLs (`SUBGRAPH_<NAME>_URL`); the internal paths are derived from them. A type whose subgraph has none is SERVICE_UNAVAILABLE. */
  urls: Partial<Record<CoreSubgraph, string>>;
  /** The gateway's master secret (GATEWAY_SHARED_SECRET): each peer is sent its own credential derived from it (`subgraphCredential`) in `x-gateway-secret`. */
  secret?: string;
  /** REFERENCE_TIMEOUT_MS (default 3000). */
  timeoutMs?: number;
  /** REFERENCE_CACHE_MS (default 2000): how long a grants answer serves reads. */
  cacheMs?: number;
}

/** The URL of an internal endpoint of the subgraph whose GraphQL endpoint is `graphqlUrl` (`…/graphql` → `…/internal/references`). */
export function internalUrl(graphqlUrl: string, path: string): string {
  const url = new URL(graphqlUrl);
  url.pathname = url.pathname.replace(/\/graphql\/?$/, '').replace(/\/$/, '') + path;
  url.search = '';
  return url.toString();
}

const unavailable = (subgraph: string, what: string, why: string) =>
  new GraphQLError(`the ${subgraph} subgraph could not be asked about ${what} (${why}); try again shortly`, {
    extensions: { code: ErrorCode.Unavailable, subgraph },
  });

function describeFailure(error: unknown, timeoutMs: number): string {
  const name = (error as { name?: string })?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: string } })?.cause?.code;
  return cause ?? (error instanceof Error ? error.message : String(error));
}

function isState(value: unknown): value is ReferenceState {
  const state = value as ReferenceState;
  return (
    typeof state === 'object' &&
    state !== null &&
    typeof state.id === 'string' &&
    typeof state.ownerId === 'string' &&
    typeof state.archived === 'boolean' &&
    (state.municipalityKeys === undefined ||
      (Array.isArray(state.municipalityKeys) && state.municipalityKeys.every((k) => typeof k === 'string')))
  );
}

const jsonError = (status: number, code: string, message: string) => ({ status, body: { errors: [{ message, extensions: { code } }] } });

/**
 * One per subgraph process: answers the subgraph's own types (locally and on its internal endpoints),
 * asks the others over HTTP, and keeps the process-wide grants cache. `forRequest` gives each request its
 * `References` (the context factory calls it); `internal` serves `/internal/references` and `/internal/grants`.
 */
export class ReferenceSource {
  private readonly timeoutMs: number;
  private readonly cacheMs: number;
  private cachedGrants: { at: number; value: Promise<ReadonlySet<string>> } | undefined;

  constructor(
    private readonly orm: MikroORM | undefined,
    private readonly local: LocalReferences,
    private readonly settings: ReferenceSettings = { urls: {} },
  ) {
    this.timeoutMs = settings.timeoutMs ?? DEFAULT_REFERENCE_TIMEOUT_MS;
    this.cacheMs = settings.cacheMs ?? DEFAULT_REFERENCE_CACHE_MS;
  }

  /** The states of this subgraph's own records of `type` (archived ones included); unknown ids are left out. */
  async localStates(em: EntityManager, type: ReferenceType, ids: readonly string[]): Promise<ReferenceState[]> {
    const registered = this.local.types[type];
    if (!registered) throw new Error(`this subgraph does not own ${type}`);
    const wanted = [...new Set(ids.filter(isPlausibleReferenceId))];
    if (wanted.length === 0) return [];
    const rows = (await em.find(registered.entity, { id: { $in: wanted } } as never, WITH_ARCHIVED as never)) as {
      id: string;
      ownerId: string;
      archivedAt?: Date | null;
    }[];
    return rows.map((row) => ({ ...referenceStateOf(row), ...(registered.extra?.(row as never) ?? {}) }));
  }

  private async localGrants(em: EntityManager): Promise<ReadonlySet<string>> {
    const pairs = await this.local.grants!(em);
    return new Set(pairs.map((pair) => grantKey(pair.granterId, pair.granteeId)));
  }

  private async call(subgraph: CoreSubgraph, path: string, what: string, body?: unknown): Promise<unknown> {
    const base = this.settings.urls[subgraph];
    if (!base) throw unavailable(subgraph, what, `no URL: set SUBGRAPH_${subgraph.toUpperCase()}_URL`);
    let response: Response;
    let text: string;
    try {
      response = await fetch(internalUrl(base, path), {
        method: body === undefined ? 'GET' : 'POST',
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(this.settings.secret ? { [GATEWAY_SECRET_HEADER]: subgraphCredential(this.settings.secret, subgraph) } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      throw unavailable(subgraph, what, describeFailure(error, this.timeoutMs));
    }
    if (response.status !== 200) throw unavailable(subgraph, what, `HTTP ${response.status}`);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw unavailable(subgraph, what, 'an answer that is not JSON');
    }
  }

  private async remoteStates(type: ReferenceType, ids: readonly string[]): Promise<ReferenceState[]> {
    const subgraph = REFERENCE_OWNERS[type];
    const wanted = [...new Set(ids.filter(isPlausibleReferenceId))];
    const states: ReferenceState[] = [];
    for (let start = 0; start < wanted.length; start += MAX_REFERENCE_IDS) {
      const chunk = wanted.slice(start, start + MAX_REFERENCE_IDS);
      const what = `${type} ${chunk.map((id) => JSON.stringify(id)).join(', ')}`.slice(0, 200);
      const answer = (await this.call(subgraph, REFERENCES_PATH, what, { type, ids: chunk })) as { states?: unknown };
      if (!Array.isArray(answer?.states) || !answer.states.every(isState)) throw unavailable(subgraph, what, 'an unexpected answer');
      states.push(...answer.states);
    }
    return states;
  }

  private async remoteGrants(): Promise<ReadonlySet<string>> {
    const answer = (await this.call('organisations', GRANTS_PATH, 'the grants of references')) as { grants?: unknown };
    const grants = answer?.grants;
    if (
      !Array.isArray(grants) ||
      !grants.every(
        (g: { granterId?: unknown; granteeId?: unknown }) => typeof g?.granterId === 'string' && typeof g?.granteeId === 'string',
      )
    )
      throw unavailable('organisations', 'the grants of references', 'an unexpected answer');
    return new Set((grants as { granterId: string; granteeId: string }[]).map((g) => grantKey(g.granterId, g.granteeId)));
  }

  /** The grants from the process-wide cache (asked anew when older than REFERENCE_CACHE_MS or `fresh`). */
  private sharedGrants(fresh: boolean): Promise<ReadonlySet<string>> {
    const now = Date.now();
    if (!fresh && this.cachedGrants && now - this.cachedGrants.at < this.cacheMs) return this.cachedGrants.value;
    const value = this.remoteGrants();
    const entry = { at: now, value };
    this.cachedGrants = entry;
    // A failure is not cached: the next request asks again.
    value.catch(() => {
      if (this.cachedGrants === entry) this.cachedGrants = undefined;
    });
    return value;
  }

  /** A request's `References` (`requestEm`: the request's EntityManager, for the subgraph's own types and grants). */
  forRequest(requestEm: EntityManager): References {
    // Inside a write's transaction, its connection (see `writeTransaction`); else the request's.
    const em = () => writeTransaction.getStore() ?? requestEm;
    const loaders = new Map<ReferenceType, DataLoader<string, ReferenceState | null>>();
    const loaderOf = (type: ReferenceType) => {
      let loader = loaders.get(type);
      if (!loader) {
        loader = new DataLoader<string, ReferenceState | null>(async (ids) => {
          const states = this.local.types[type] ? await this.localStates(em(), type, ids) : await this.remoteStates(type, ids);
          const byId = new Map(states.map((state) => [state.id, state]));
          return ids.map((id) => byId.get(id) ?? null);
        });
        loaders.set(type, loader);
      }
      return loader;
    };
    let read: Promise<ReadonlySet<string>> | undefined;
    let fresh: Promise<ReadonlySet<string>> | undefined;
    return {
      state: (type, id) => (isPlausibleReferenceId(id) ? loaderOf(type).load(id) : Promise.resolve(null)),
      grants: (options) => {
        if (this.local.grants) {
          // The organisations subgraph reads its own table: always current, once per request.
          fresh ??= this.localGrants(em());
          return fresh;
        }
        if (options?.fresh) {
          fresh ??= this.sharedGrants(true);
          read = fresh;
          return fresh;
        }
        read ??= fresh ?? this.sharedGrants(false);
        return read;
      },
    };
  }

  /** Serves `/internal/references` and `/internal/grants` (the HTTP server checks the secret first). */
  readonly internal: InternalHandler = async ({ method, path, body }) => {
    if (path === REFERENCES_PATH) {
      if (method !== 'POST') return jsonError(405, 'BAD_REQUEST', `${REFERENCES_PATH} takes POST {"type": …, "ids": […]}`);
      const { type, ids } = (body ?? {}) as { type?: unknown; ids?: unknown };
      if (typeof type !== 'string' || !this.local.types[type as ReferenceType]) {
        const own = Object.keys(this.local.types).join(', ') || 'none';
        return jsonError(400, 'BAD_REQUEST', `type must be one this subgraph owns (${own})`);
      }
      if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string') || ids.length > MAX_REFERENCE_IDS) {
        return jsonError(400, 'BAD_REQUEST', `ids must be a list of at most ${MAX_REFERENCE_IDS} ids`);
      }
      const states = await this.localStates(this.requestEm(), type as ReferenceType, ids as string[]);
      return { status: 200, body: { states } };
    }
    if (path === GRANTS_PATH && this.local.grants) {
      if (method !== 'GET') return jsonError(405, 'BAD_REQUEST', `${GRANTS_PATH} takes GET`);
      const pairs = await this.local.grants(this.requestEm());
      return { status: 200, body: { grants: pairs.map(({ granterId, granteeId }) => ({ granterId, granteeId })) } };
    }
    return undefined;
  };

  private requestEm(): EntityManager {
    if (!this.orm) throw new Error('this ReferenceSource has no ORM to answer internal requests with');
    return forkRequestEm(this.orm);
  }
}

/** The reference settings of a subgraph's env (`SUBGRAPH_<NAME>_URL`, GATEWAY_SHARED_SECRET, REFERENCE_TIMEOUT_MS, REFERENCE_CACHE_MS). */
export function referenceSettingsFromEnv(env: {
  SUBGRAPH_ORGANISATIONS_URL: string;
  SUBGRAPH_LOCATIONS_URL: string;
  SUBGRAPH_PARTNERS_URL: string;
  SUBGRAPH_PROGRAMMES_URL: string;
  GATEWAY_SHARED_SECRET?: string;
  REFERENCE_TIMEOUT_MS: number;
  REFERENCE_CACHE_MS: number;
}): ReferenceSettings {
  return {
    urls: {
      organisations: env.SUBGRAPH_ORGANISATIONS_URL,
      locations: env.SUBGRAPH_LOCATIONS_URL,
      partners: env.SUBGRAPH_PARTNERS_URL,
      programmes: env.SUBGRAPH_PROGRAMMES_URL,
    },
    secret: env.GATEWAY_SHARED_SECRET,
    timeoutMs: env.REFERENCE_TIMEOUT_MS,
    cacheMs: env.REFERENCE_CACHE_MS,
  };
}

/** A reference in an input: its type, the id it names, the type as a reader says it (`'unit'`), and the input field (`'input.unitId'`). */
export interface ReferenceTarget {
  type: ReferenceType;
  id: string;
  label: string;
  field: string;
}

/**
 * The write-time rule of references between publishers for one reference of a record that will be owned
 * by `recordOwnerId` (its `ownerId` after the write, not the caller's organisation):
 * - no such record: BAD_USER_INPUT naming `field` and the id (`no site "x"`);
 * - archived: BAD_USER_INPUT (`site "x" is archived`);
 * - owned by another organisation that does not grant references to `recordOwnerId` (a live
 *   GRANTS_REFERENCES link, asked fresh): FORBIDDEN with `argument` and the target's `ownerId`.
 * No admin bypass: an admin who wants a foreign reference creates the grant. Pass `local` when the
 * subgraph has loaded the target itself (its own type), else it is asked through `ctx.references`.
 * Returns the target's state. Check every reference of an input before writing anything
 * (`assertReferences` does that for several at once, batched).
 */
export async function assertReference(
  ctx: { references: References },
  target: ReferenceTarget,
  recordOwnerId: string,
  local?: ReferenceState | null,
): Promise<ReferenceState> {
  const state = local !== undefined ? local : await ctx.references.state(target.type, target.id);
  return checkReference(ctx, target, recordOwnerId, state);
}

async function checkReference(
  ctx: { references: References },
  target: ReferenceTarget,
  recordOwnerId: string,
  state: ReferenceState | null,
): Promise<ReferenceState> {
  const named = `${target.label} ${JSON.stringify(target.id)}`;
  if (!state) throw badUserInput(target.field, `no ${named}`);
  if (state.archived) throw badUserInput(target.field, `${named} is archived`);
  if (state.ownerId !== recordOwnerId) {
    const grants = await ctx.references.grants({ fresh: true });
    if (!grants.has(grantKey(state.ownerId, recordOwnerId))) {
      throw new GraphQLError(
        `${target.field}: ${named} belongs to ${state.ownerId}, which has not granted references to ${recordOwnerId}`,
        { extensions: { code: ErrorCode.Forbidden, argument: target.field, ownerId: state.ownerId } },
      );
    }
  }
  return state;
}

/**
 * `assertReference` for every target at once: the states are asked together (one call per type), then
 * checked in the order given, so the first failing reference is the one reported. Returns the states in order.
 */
export async function assertReferences(
  ctx: { references: References },
  targets: readonly ReferenceTarget[],
  recordOwnerId: string,
): Promise<ReferenceState[]> {
  const states = await Promise.all(targets.map((target) => ctx.references.state(target.type, target.id)));
  const checked: ReferenceState[] = [];
  for (const [index, target] of targets.entries()) checked.push(await checkReference(ctx, target, recordOwnerId, states[index]!));
  return checked;
}

/**
 * Item 3 of issue 12: a signed-in caller who is no admin may write only while their organisation is a
 * live Organisation of the hub (asked through `references`: locally in organisations, fresh per request).
 * FORBIDDEN otherwise. Admins are exempt: they bootstrap an empty hub.
 */
export async function assertCallerOrganisationLive(caller: Caller, references: References): Promise<void> {
  if (caller.kind !== 'user' || caller.roles.has('admin')) return;
  const state = await references.state('Organisation', caller.organisationId);
  if (!state || state.archived) {
    throw new GraphQLError(`your organisation ${JSON.stringify(caller.organisationId)} is not in the hub (or archived)`, {
      extensions: { code: ErrorCode.Forbidden, ownerId: caller.organisationId },
    });
  }
}
