import { assertCanWrite, badUserInput } from '@jobcenter-hub/service';
import { applyChanges, archiveRecord, createRecord, newRecordBasics, Provenance, updateRecord } from '@jobcenter-hub/subgraph';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { ProgrammesContext } from '../../context';
import { assertOwnerFollows } from '../../ownership';
import { Programme } from './programme.entity';
import { CreateProgrammeInput, UpdateProgrammeInput } from './programme.input';

/** The programme an intake or figure belongs to: it must exist here and not be archived (BAD_USER_INPUT naming `field`). */
export async function existingProgramme(em: EntityManager, id: string, field: string): Promise<Programme> {
  const programme = await em.findOne(Programme, { id });
  if (!programme) throw badUserInput(field, `no programme ${JSON.stringify(id)}`);
  if (programme.archivedAt) throw badUserInput(field, `programme ${JSON.stringify(id)} is archived`);
  return programme;
}

/** The programme's own fields, which create and update inputs share; in an update `undefined` means "not sent". */
const PROGRAMME_FIELDS = [
  'kind',
  'name',
  'description',
  'targetGroup',
  'eligibility',
  'capacityPerYear',
  'participantsPerYear',
  'daysPerWeekMax',
  'operatorId',
  'venueIds',
  'partnerIds',
] as const;
type ProgrammeField = (typeof PROGRAMME_FIELDS)[number];

const programmeFields = <I extends Partial<Record<ProgrammeField, unknown>>>(input: I) =>
  Object.fromEntries(PROGRAMME_FIELDS.map((field) => [field, input[field]])) as Pick<I, ProgrammeField>;

@Resolver(() => Programme)
export class ProgrammeMutations {
  @Mutation(() => Programme, {
    description: 'Publishes a new programme, owned by its operator (editors of the operator; admins for any, and may name another owner).',
  })
  createProgramme(
    @Arg('input', () => CreateProgrammeInput) input: CreateProgrammeInput,
    @Ctx() ctx: ProgrammesContext,
  ): Promise<Programme> {
    const { id, ownerId, source } = newRecordBasics(ctx.caller, { ...input, ownerId: input.ownerId ?? input.operatorId });
    assertOwnerFollows(ctx.caller, ownerId, input.operatorId, 'a programme');
    return createRecord(ctx, 'Programme', ownerId, (em) =>
      em.create(Programme, {
        ...programmeFields(input),
        id,
        ownerId,
        source,
        venueIds: input.venueIds ?? [],
        partnerIds: input.partnerIds ?? [],
      }),
    );
  }

  @Mutation(() => Programme, {
    description:
      'Changes a programme if `version` is still current (editors of its owner, admins). A new operator takes the ownership along ' +
      'when it was the owner, so editors can only hand a programme to their own organisation.',
  })
  updateProgramme(
    @Arg('input', () => UpdateProgrammeInput) input: UpdateProgrammeInput,
    @Ctx() ctx: ProgrammesContext,
  ): Promise<Programme> {
    return updateRecord(ctx, Programme, 'Programme', input.id, input.version, (record) => {
      if (input.operatorId !== undefined && input.operatorId !== record.operatorId && record.ownerId === record.operatorId) {
        // updateRecord has checked that the caller may write this record; they must also be allowed to write for its new owner.
        assertCanWrite(ctx.caller, input.operatorId);
        record.ownerId = input.operatorId;
      }
      applyChanges(record, {
        ...programmeFields(input),
        source: input.source ? new Provenance(input.source.kind, input.source.citation) : undefined,
      });
    });
  }

  @Mutation(() => Programme, { description: 'Archives a programme: it and its intakes leave every list; it keeps its history.' })
  archiveProgramme(
    @Arg('version', () => Int) version: number,
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: ProgrammesContext,
  ): Promise<Programme> {
    return archiveRecord(ctx, Programme, 'Programme', id, version);
  }
}
