import { assertCanWrite, ErrorCode } from '@jobcenter-hub/service';
import {
  applyChanges,
  archiveRecord,
  assertOwnerFollows,
  assertReference,
  createRecord,
  findReferenced,
  newRecordBasics,
  pickFields,
  provenanceOf,
  type ReferenceTarget,
  referenceStateOf,
  updateRecord,
} from '@jobcenter-hub/subgraph';
import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { ProgrammesContext } from '../../context';
import { Programme } from '../programme/programme.entity';
import { programmeTarget } from '../programme/programme.queries';
import { Participation } from './participation.entity';
import { CreateParticipationFigureInput, UpdateParticipationFigureInput } from './participation.input';

const venueTarget = (id: string): ReferenceTarget => ({ type: 'Location', id, label: 'site', field: 'input.venueId' });

/** The fields create and update take as sent; `programmeId` (create only, a reference) is handled apart. */
const PARTICIPATION_FIELDS = ['year', 'venueId', 'participants'] as const;

/**
 * One figure per programme, year and venue ("all venues" counting as one venue): CONFLICT naming the
 * figure that is already there (archived figures are left out by the `live` filter, as by the unique
 * index, which says the same to a concurrent writer).
 */
async function assertNoOtherFigure(em: EntityManager, figure: { programmeId: string; year: number; venueId: string | null; id?: string }) {
  const existing = await em.findOne(Participation, {
    programme: figure.programmeId,
    year: figure.year,
    venueId: figure.venueId,
    ...(figure.id ? { id: { $ne: figure.id } } : {}),
  });
  if (!existing) return;
  const where = figure.venueId ? `venue ${JSON.stringify(figure.venueId)}` : 'all venues';
  throw new GraphQLError(
    `programme ${JSON.stringify(figure.programmeId)} already has a figure for ${figure.year} at ${where}: ${existing.id}; update that one`,
    {
      extensions: { code: ErrorCode.Conflict, existingId: existing.id },
    },
  );
}

@Resolver(() => Participation)
export class ParticipationMutations {
  @Mutation(() => Participation, {
    description:
      "Publishes a participation figure (editors of the programme's owner, admins); a second one for the same year and venue is a CONFLICT.",
  })
  async createParticipationFigure(
    @Arg('input', () => CreateParticipationFigureInput) input: CreateParticipationFigureInput,
    @Ctx() ctx: ProgrammesContext,
  ): Promise<Participation> {
    const programme = await findReferenced(ctx.em, Programme, 'programme', input.programmeId, 'input.programmeId');
    const { id, ownerId, source } = newRecordBasics(ctx.caller, { ...input, ownerId: input.ownerId ?? programme.ownerId });
    assertOwnerFollows(ctx.caller, ownerId, {
      ownerId: programme.ownerId,
      field: 'input.programmeId',
      what: `programme ${JSON.stringify(programme.id)}`,
    });
    assertCanWrite(ctx.caller, ownerId);
    // Both references before anything is written; an admin's figure of another owner's programme needs its grant too.
    await assertReference(ctx, programmeTarget(programme.id), ownerId, referenceStateOf(programme));
    const venue = input.venueId ? await assertReference(ctx, venueTarget(input.venueId), ownerId) : null;
    return createRecord(ctx, 'ParticipationFigure', ownerId, async (em) => {
      const venueId = input.venueId ?? null;
      await assertNoOtherFigure(em, { programmeId: programme.id, year: input.year, venueId });
      return em.create(Participation, {
        ...pickFields(input, PARTICIPATION_FIELDS),
        id,
        ownerId,
        source,
        programme: programme.id,
        venueId,
        venueOwnerId: venue?.ownerId ?? null,
      });
    });
  }

  @Mutation(() => Participation, {
    description: 'Changes a participation figure if `version` is still current (editors of its owner, admins).',
  })
  updateParticipationFigure(
    @Arg('input', () => UpdateParticipationFigureInput) input: UpdateParticipationFigureInput,
    @Ctx() ctx: ProgrammesContext,
  ): Promise<Participation> {
    return updateRecord(ctx, Participation, 'ParticipationFigure', input.id, input.version, async (record, em) => {
      const year = input.year ?? record.year;
      const venueId = input.venueId === undefined ? (record.venueId ?? null) : input.venueId;
      const venue =
        input.venueId === undefined || input.venueId === null
          ? input.venueId
          : await assertReference(ctx, venueTarget(input.venueId), record.ownerId);
      if (year !== record.year || venueId !== (record.venueId ?? null)) {
        await assertNoOtherFigure(em, { programmeId: record.programme.id, year, venueId, id: record.id });
      }
      applyChanges(record, {
        ...pickFields(input, PARTICIPATION_FIELDS),
        venueOwnerId: venue === undefined ? undefined : (venue?.ownerId ?? null),
        source: provenanceOf(input.source),
      });
    });
  }

  @Mutation(() => Participation, { description: 'Archives a participation figure: it leaves every list and sum, and keeps its history.' })
  archiveParticipationFigure(
    @Arg('version', () => Int) version: number,
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: ProgrammesContext,
  ): Promise<Participation> {
    return archiveRecord(ctx, Participation, 'ParticipationFigure', id, version);
  }
}
