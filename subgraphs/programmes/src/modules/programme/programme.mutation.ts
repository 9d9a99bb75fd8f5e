import { assertCanWrite } from '@jobcenter-hub/service';
import {
  applyChanges,
  archiveRecord,
  assertOwnerFollows,
  createRecord,
  newRecordBasics,
  pickFields,
  provenanceOf,
  updateRecord,
} from '@jobcenter-hub/subgraph';
import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { ProgrammesContext } from '../../context';
import { Programme } from './programme.entity';
import { CreateProgrammeInput, UpdateProgrammeInput } from './programme.input';

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
    assertOwnerFollows(ctx.caller, ownerId, {
      ownerId: input.operatorId,
      field: 'input.operatorId',
      what: `a programme run by ${input.operatorId}`,
    });
    return createRecord(ctx, 'Programme', ownerId, (em) =>
      em.create(Programme, {
        ...pickFields(input, PROGRAMME_FIELDS),
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
        ...pickFields(input, PROGRAMME_FIELDS),
        source: provenanceOf(input.source),
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
