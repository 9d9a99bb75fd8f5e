import {
  Collection,
  Entity,
  type EntityClass,
  Enum,
  ForeignKeyConstraintViolationException,
  Index,
  NotNullConstraintViolationException,
  OptionalProps,
  OptimisticLockError,
  PrimaryKey,
  Property,
  Reference,
  UniqueConstraintViolationException,
  Utils,
  wrap,
  CheckConstraintViolationException,
} from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Directive, Field, ID, Int, type MiddlewareFn, ObjectType, registerEnumType } from 'type-graphql';
import { cacheHint } from './cache-control';
import { assertCanWrite, assertViewer, type Caller, badUserInput, ErrorCode, notFound } from '@jobcenter-hub/service';
import type { PublishedEntity } from './published';
import { WITH_ARCHIVED } from './soft-delete';
import { writeTransaction } from './transaction-scope';

export enum AuditAction {
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  ARCHIVE = 'ARCHIVE',
}
registerEnumType(AuditAction, { name: 'AuditAction' });

/** One change to one record, written in the same transaction as the change itself. */
@Entity({ tableName: 'audit_event' })
@Index({ properties: ['entityType', 'entityId'] })
@Directive(cacheHint.never)
@ObjectType({ description: 'Who changed which record, when, and what (admins only).' })
@Directive('@shareable')
export class AuditEvent {
  [OptionalProps]?: 'at';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  @Field(() => ID)
  id!: string;

  @Property({ type: 'text' })
  @Field(() => String)
  entityType!: string;

  @Property({ type: 'text' })
  @Field(() => ID)
  entityId!: string;

  @Enum({ items: () => AuditAction })
  @Field(() => AuditAction)
  action!: AuditAction;

  @Property({ type: 'int' })
  @Field(() => Int, { description: 'The version of the record after the change.' })
  version!: number;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'The subject (sub) of the token that made the change.' })
  actorSubject!: string;

  @Property({ type: 'text' })
  @Field(() => ID)
  actorOrganisationId!: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  @Field(() => Date)
  at: Date = new Date();

  @Property({ type: 'jsonb' })
  @Field(() => GraphQLJSONObject, { description: 'Changed fields: { field: [before, after] }.' })
  changes!: Record<string, unknown>;
}

/** What a mutation needs from the request context. */
export interface WriteContext {
  em: EntityManager;
  caller: Caller;
  /** The request's instant (see `Clock`): what an archive records as `archivedAt`. */
  now: Date;
}

/** Internal fields (e.g. participation figures, liaisons): only viewers, editors and admins see them. */
export const RequireViewer: MiddlewareFn<{ caller: Caller }> = async ({ context }, next) => {
  assertViewer(context.caller);
  return next();
};

const conflict = (message: string, extensions: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.Conflict, ...extensions } });

/** Database refusals that are the client's doing become coded errors; everything else propagates. */
function translate(error: unknown, typeName: string, id: string): never {
  if (error instanceof OptimisticLockError) {
    throw conflict(`${typeName} ${JSON.stringify(id)} was changed by someone else; read it again and retry with its current version`);
  }
  if (error instanceof UniqueConstraintViolationException) throw conflict(`${typeName} ${JSON.stringify(id)} already exists`);
  if (error instanceof ForeignKeyConstraintViolationException) {
    throw badUserInput('input', 'refers to a record that does not exist in this subgraph');
  }
  if (error instanceof NotNullConstraintViolationException || error instanceof CheckConstraintViolationException) {
    throw badUserInput('input', 'has a value the record does not accept');
  }
  throw error;
}

/**
 * A record's fields for the audit trail's before/after: scalars and lists as they are, structured
 * values (opening hours, entrances, accessibility, …) as a copy, a reference to another record as its
 * id; collections (the other side of a relation) are left out — their own records are audited.
 */
function snapshot(record: object): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(record)) {
    if (key.startsWith('_') || raw instanceof Collection) continue;
    const value: unknown = Reference.isReference(raw) ? raw.unwrap() : raw;
    if (value === null || value === undefined || typeof value !== 'object' || value instanceof Date) fields[key] = value;
    else if (Utils.isEntity(value)) fields[key] = wrap(value, true).getPrimaryKey();
    else fields[key] = JSON.parse(JSON.stringify(value)) as unknown;
  }
  return fields;
}

function diff(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (['version', 'updatedAt'].includes(key)) continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = [before[key] ?? null, after[key] ?? null];
  }
  return changes;
}

function audit(
  em: EntityManager,
  caller: Caller,
  typeName: string,
  record: PublishedEntity<string> & { id: string },
  action: AuditAction,
  changes: Record<string, unknown>,
) {
  if (caller.kind !== 'user') throw new Error('audited changes need a signed-in caller');
  em.create(AuditEvent, {
    entityType: typeName,
    entityId: record.id,
    action,
    version: record.version,
    actorSubject: caller.subject,
    actorOrganisationId: caller.organisationId,
    changes,
  });
}

/**
 * Creates a record owned by `ownerId`, all or nothing: the permission check, the insert and its audit
 * event run in one transaction. Only an editor of the owner (or an admin) may create it.
 */
export async function createRecord<T extends PublishedEntity<string> & { id: string }>(
  ctx: WriteContext,
  typeName: string,
  ownerId: string,
  build: (em: EntityManager) => T | Promise<T>,
): Promise<T> {
  assertCanWrite(ctx.caller, ownerId);
  let id = '(new)';
  try {
    return await ctx.em.transactional((em) =>
      writeTransaction.run(em, async () => {
        const record = await build(em);
        id = record.id;
        await em.flush();
        audit(em, ctx.caller, typeName, record, AuditAction.CREATE, diff({}, snapshot(record)));
        return record;
      }),
    );
  } catch (error) {
    return translate(error, typeName, id);
  }
}

/**
 * Changes a record if `version` is still its version: the check, the update (which PostgreSQL repeats
 * with `where version = …`, so a concurrent writer cannot slip in between) and its audit event run in one
 * transaction. NOT_FOUND for unknown ids, FORBIDDEN for others' records, CONFLICT for an old version.
 */
export async function updateRecord<T extends PublishedEntity<string> & { id: string }>(
  ctx: WriteContext,
  entity: EntityClass<T>,
  typeName: string,
  id: string,
  version: number,
  apply: (record: T, em: EntityManager) => void | Promise<void>,
  action: AuditAction = AuditAction.UPDATE,
): Promise<T> {
  try {
    return await ctx.em.transactional((em) =>
      writeTransaction.run(em, async () => {
        // Archived records too: archiving one again is a CONFLICT, not NOT_FOUND.
        const record = (await em.findOne(entity, { id } as never, WITH_ARCHIVED as never)) as T | null;
        if (!record) throw notFound(typeName, id);
        assertCanWrite(ctx.caller, record.ownerId);
        if (record.version !== version) {
          throw conflict(`${typeName} ${JSON.stringify(id)} is at version ${record.version}, not ${version}; read it again and retry`, {
            currentVersion: record.version,
          });
        }
        if (record.archivedAt && action !== AuditAction.UPDATE) throw conflict(`${typeName} ${JSON.stringify(id)} is already archived`);
        const before = snapshot(record);
        await apply(record, em);
        await em.flush();
        audit(em, ctx.caller, typeName, record, action, diff(before, snapshot(record)));
        return record;
      }),
    );
  } catch (error) {
    return translate(error, typeName, id);
  }
}

/** Archives (soft-deletes) a record: it leaves every list, keeps its history and stays readable by id. */
export const archiveRecord = <T extends PublishedEntity<string> & { id: string }>(
  ctx: WriteContext,
  entity: EntityClass<T>,
  typeName: string,
  id: string,
  version: number,
) =>
  updateRecord(
    ctx,
    entity,
    typeName,
    id,
    version,
    (record) => {
      record.archivedAt = ctx.now;
    },
    AuditAction.ARCHIVE,
  );
