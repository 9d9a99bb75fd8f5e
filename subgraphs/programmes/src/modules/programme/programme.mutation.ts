import { assertCanWrite } from '@jobcenter-hub/service';
import {
  applyChanges,
  archiveRecord,
  assertOwnerFollows,
  assertReferences,
  createRecord,
  newRecordBasics,
  pickFields,
  provenanceOf,
  type ReferenceTarget,
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

/** The references of a programme: its operator, venues and partners. */
interface ProgrammeReferences {
  operatorId: string;
  venueIds: string[];
  partnerIds: string[];
}

/**
 * Checks the references of a programme owned by `ownerId` (those in `which`), all before anything is
 * written: each known, live, and the programme's owner's own or granted to it. Returns the owners of
 * the targets, as stored beside the references (only for those checked).
 */
async function checkReferences(
  ctx: ProgrammesContext,
  ownerId: string,
  references: Partial<ProgrammeReferences>,
): Promise<{ operatorOwnerId?: string; venueOwnerIds?: string[]; partnerOwnerIds?: string[] }> {
  const { operatorId, venueIds, partnerIds } = references;
  const targets: ReferenceTarget[] = [
    ...(operatorId !== undefined
      ? [{ type: 'Organisation' as const, id: operatorId, label: 'organisation', field: 'input.operatorId' }]
      : []),
    ...(venueIds ?? []).map((id) => ({ type: 'Location' as const, id, label: 'site', field: 'input.venueIds' })),
    ...(partnerIds ?? []).map((id) => ({ type: 'Partner' as const, id, label: 'partner', field: 'input.partnerIds' })),
  ];
  const owners = (await assertReferences(ctx, targets, ownerId)).map((state) => state.ownerId);
  return {
    operatorOwnerId: operatorId !== undefined ? owners.shift() : undefined,
    venueOwnerIds: venueIds ? owners.splice(0, venueIds.length) : undefined,
    partnerOwnerIds: partnerIds ? owners.splice(0, partnerIds.length) : undefined,
  };
}

@Resolver(() => Programme)
export class ProgrammeMutations {
  @Mutation(() => Programme, {
    description:
      'Publishes a new programme, owned by its operator (editors of the operator; admins for any, and may name another owner). ' +
      "Its operator, venues and partners must be its owner's own, or their owners must grant it references.",
  })
  async createProgramme(
    @Arg('input', () => CreateProgrammeInput) input: CreateProgrammeInput,
    @Ctx() ctx: ProgrammesContext,
  ): Promise<Programme> {
    const { id, ownerId, source } = newRecordBasics(ctx.caller, { ...input, ownerId: input.ownerId ?? input.operatorId });
    assertOwnerFollows(ctx.caller, ownerId, {
      ownerId: input.operatorId,
      field: 'input.operatorId',
      what: `a programme run by ${input.operatorId}`,
    });
    assertCanWrite(ctx.caller, ownerId);
    const references = { operatorId: input.operatorId, venueIds: input.venueIds ?? [], partnerIds: input.partnerIds ?? [] };
    const owners = await checkReferences(ctx, ownerId, references);
    return createRecord(ctx, 'Programme', ownerId, (em) =>
      em.create(Programme, {
        ...pickFields(input, PROGRAMME_FIELDS),
        ...references,
        ...owners,
        id,
        ownerId,
        source,
      }),
    );
  }

  @Mutation(() => Programme, {
    description:
      'Changes a programme if `version` is still current (editors of its owner, admins). A new operator takes the ownership along ' +
      'when it was the owner, so editors can only hand a programme to their own organisation. References sent (and all of them when ' +
      "the owner changes) must be the owner's own, or granted to it.",
  })
  updateProgramme(
    @Arg('input', () => UpdateProgrammeInput) input: UpdateProgrammeInput,
    @Ctx() ctx: ProgrammesContext,
  ): Promise<Programme> {
    return updateRecord(ctx, Programme, 'Programme', input.id, input.version, async (record) => {
      const ownerBefore = record.ownerId;
      if (input.operatorId !== undefined && input.operatorId !== record.operatorId && record.ownerId === record.operatorId) {
        // updateRecord has checked that the caller may write this record; they must also be allowed to write for its new owner.
        assertCanWrite(ctx.caller, input.operatorId);
        record.ownerId = input.operatorId;
      }
      // A new owner must be allowed every reference the programme keeps, not only those sent.
      const all = record.ownerId !== ownerBefore;
      const owners = await checkReferences(ctx, record.ownerId, {
        operatorId: input.operatorId ?? (all ? record.operatorId : undefined),
        venueIds: input.venueIds ?? (all ? record.venueIds : undefined),
        partnerIds: input.partnerIds ?? (all ? record.partnerIds : undefined),
      });
      applyChanges(record, {
        ...pickFields(input, PROGRAMME_FIELDS),
        ...owners,
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
