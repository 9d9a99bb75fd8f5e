import { randomUUID } from 'node:crypto';
import { IsOptional, Length, Matches, ValidateNested } from 'class-validator';
import { Arg, Args, Ctx, Field, ID, InputType, Int, Query, Resolver } from 'type-graphql';
import { assertAdmin, type Caller, badUserInput } from '@jobcenter-hub/service';
import { cacheHint } from './cache-control';
import { createConnectionType, PageArgs, paginateQuery } from './pagination';
import { Provenance, SourceKind } from './provenance';
import { AuditEvent, type WriteContext } from './records';

/** Ids a client may choose: lower-case slugs, like the demo's (`jcms-nebenstelle-mitte`). */
export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,99}$/;

/** Where a published fact comes from; defaults to the publishing organisation itself. */
@InputType({ description: 'Where the facts of a record come from.' })
export class SourceInput {
  @Field(() => SourceKind)
  kind!: SourceKind;

  @Field(() => String)
  @Length(1, 500)
  citation!: string;
}

/** The fields every create input shares. */
@InputType()
export abstract class CreateInputBase {
  @Field(() => ID, { nullable: true, description: 'A lower-case slug (a–z, 0–9, -); generated when absent.' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'id must be a lower-case slug of 2 to 100 characters (a-z, 0-9, -)' })
  id?: string;

  @Field(() => ID, { nullable: true, description: "The owning organisation; default: the caller's. Only admins may name another." })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'ownerId must be an organisation id' })
  ownerId?: string;

  @Field(() => SourceInput, { nullable: true, description: 'Default: published by the owner.' })
  @IsOptional()
  @ValidateNested()
  source?: SourceInput;
}

/** The fields every update input shares: which record, and the version the client read. */
@InputType()
export abstract class UpdateInputBase {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'The version you read; an older one fails with CONFLICT.' })
  version!: number;

  @Field(() => SourceInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  source?: SourceInput;
}

/**
 * The owner, id and source of a record a caller creates: editors create for their own organisation,
 * admins for any.
 */
export function newRecordBasics(caller: Caller, input: CreateInputBase): { id: string; ownerId: string; source: Provenance } {
  const ownerId = input.ownerId ?? (caller.kind === 'user' ? caller.organisationId : '');
  if (!ownerId) throw badUserInput('input.ownerId', 'is required for this caller');
  const source = input.source
    ? new Provenance(input.source.kind, input.source.citation)
    : new Provenance(SourceKind.PUBLISHER, `Published by ${ownerId}`);
  return { id: input.id ?? randomUUID(), ownerId, source };
}

/** Applies the fields a client sent; `undefined` means "not sent", `null` clears a nullable field. */
export function applyChanges<T extends object>(record: T, changes: Partial<Record<keyof T, unknown>>): void {
  for (const [key, value] of Object.entries(changes)) {
    if (value !== undefined) (record as Record<string, unknown>)[key] = value;
  }
}

/**
 * The fields of `input` named in `fields`, for the create and the update of one record, so the list
 * is written once per module (`const ORGANISATION_FIELDS = ['name', …] as const`). In an update a
 * field left out stays `undefined`, which `applyChanges` skips.
 */
export function pickFields<I extends object, K extends keyof I>(input: I, fields: readonly K[]): Pick<I, K> {
  return Object.fromEntries(fields.map((field) => [field, input[field]])) as Pick<I, K>;
}

/** The provenance an update sent, or `undefined` ("not sent") for `applyChanges`. */
export const provenanceOf = (source: SourceInput | null | undefined): Provenance | undefined =>
  source ? new Provenance(source.kind, source.citation) : undefined;

/** The audit trail of one subgraph as a root field (`<subgraph>AuditTrail`), for admins. */
export function createAuditTrailResolver(subgraph: string) {
  const Connection = createConnectionType(`${subgraph[0]!.toUpperCase()}${subgraph.slice(1)}AuditEvent`, AuditEvent, cacheHint.never);
  @Resolver()
  class AuditTrailResolver {
    @Query(() => Connection, {
      name: `${subgraph}AuditTrail`,
      description: `Changes to the ${subgraph} subgraph's records, oldest first (admins only).`,
    })
    async auditTrail(
      @Args(() => PageArgs) page: PageArgs,
      @Arg('entityId', () => ID, { nullable: true }) entityId: string | undefined,
      @Arg('entityType', () => String, { nullable: true }) entityType: string | undefined,
      @Ctx() ctx: WriteContext,
    ) {
      assertAdmin(ctx.caller);
      return paginateQuery(ctx.em, AuditEvent, { ...(entityType ? { entityType } : {}), ...(entityId ? { entityId } : {}) }, page, ['id']);
    }
  }
  return AuditTrailResolver;
}
