import { ErrorCode } from '@jobcenter-hub/service';
import { applyChanges, archiveRecord, createRecord, newRecordBasics, Provenance, updateRecord } from '@jobcenter-hub/subgraph';
import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { ProgrammesContext } from '../../context';
import { assertOwnerFollows, assertSignedIn } from '../../ownership';
import { existingProgramme } from '../programme/programme.mutation';
import { Participation } from './participation.entity';
import { CreateParticipationFigureInput, UpdateParticipationFigureInput } from './participation.input';

/**
 * One figure per programme, year and venue ("all venues" counting as one venue): CONFLICT naming the
 * figure that is already there. The unique index says the same to a concurrent writer.
 */
async function assertNoOtherFigure(em: EntityManager, figure: { programmeId: string; year: number; venueId: string | null; id?: string }) {
  const existing = await em.findOne(Participation, {
    programme: figure.programmeId,
    year: figure.year,
    venueId: figure.venueId,
    archivedAt: null,
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
    assertSignedIn(ctx.caller);
    const programme = await existingProgramme(ctx.em, input.programmeId, 'input.programmeId');
    const { id, ownerId, source } = newRecordBasics(ctx.caller, { ...input, ownerId: input.ownerId ?? programme.ownerId });
    assertOwnerFollows(ctx.caller, ownerId, programme.ownerId, 'a participation figure');
    return createRecord(ctx, 'ParticipationFigure', ownerId, async (em) => {
      const venueId = input.venueId ?? null;
      await assertNoOtherFigure(em, { programmeId: programme.id, year: input.year, venueId });
      return em.create(Participation, {
        id,
        ownerId,
        source,
        programme: programme.id,
        year: input.year,
        venueId,
        participants: input.participants,
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
      if (year !== record.year || venueId !== (record.venueId ?? null)) {
        await assertNoOtherFigure(em, { programmeId: record.programme.id, year, venueId, id: record.id });
      }
      applyChanges(record, {
        year: input.year,
        venueId: input.venueId,
        participants: input.participants,
        source: input.source ? new Provenance(input.source.kind, input.source.citation) : undefined,
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
