import { badUserInput } from '@jobcenter-hub/service';
import { applyChanges, archiveRecord, createRecord, newRecordBasics, Provenance, updateRecord } from '@jobcenter-hub/subgraph';
import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { ProgrammesContext } from '../../context';
import { assertOwnerFollows, assertSignedIn } from '../../ownership';
import { existingProgramme } from '../programme/programme.mutation';
import { Intake } from './intake.entity';
import { CreateIntakeInput, UpdateIntakeInput } from './intake.input';

/** Places taken lie between 0 and the places offered; the message names the field the client sent. */
function assertPlacesFit(places: number, placesTaken: number, sentTaken: boolean): void {
  if (placesTaken <= places) return;
  throw sentTaken
    ? badUserInput('input.placesTaken', `must not exceed the places offered (${places})`)
    : badUserInput('input.places', `must be at least the places already taken (${placesTaken})`);
}

@Resolver(() => Intake)
export class IntakeMutations {
  @Mutation(() => Intake, { description: "Publishes a new intake of a programme (editors of the programme's owner, admins)." })
  async createIntake(@Arg('input', () => CreateIntakeInput) input: CreateIntakeInput, @Ctx() ctx: ProgrammesContext): Promise<Intake> {
    assertPlacesFit(input.places, input.placesTaken ?? 0, true);
    assertSignedIn(ctx.caller);
    const programme = await existingProgramme(ctx.em, input.programmeId, 'input.programmeId');
    const { id, ownerId, source } = newRecordBasics(ctx.caller, { ...input, ownerId: input.ownerId ?? programme.ownerId });
    assertOwnerFollows(ctx.caller, ownerId, programme.ownerId, 'an intake');
    return createRecord(ctx, 'Intake', ownerId, (em) =>
      em.create(Intake, {
        id,
        ownerId,
        source,
        programme: programme.id,
        venueId: input.venueId,
        startsOn: input.startsOn,
        places: input.places,
        placesTaken: input.placesTaken ?? 0,
      }),
    );
  }

  @Mutation(() => Intake, { description: 'Changes an intake if `version` is still current (editors of its owner, admins).' })
  updateIntake(@Arg('input', () => UpdateIntakeInput) input: UpdateIntakeInput, @Ctx() ctx: ProgrammesContext): Promise<Intake> {
    return updateRecord(ctx, Intake, 'Intake', input.id, input.version, (record) => {
      if (input.places !== undefined || input.placesTaken !== undefined) {
        assertPlacesFit(input.places ?? record.places, input.placesTaken ?? record.placesTaken, input.placesTaken !== undefined);
      }
      applyChanges(record, {
        venueId: input.venueId,
        startsOn: input.startsOn,
        places: input.places,
        placesTaken: input.placesTaken,
        source: input.source ? new Provenance(input.source.kind, input.source.citation) : undefined,
      });
    });
  }

  @Mutation(() => Intake, { description: 'Archives an intake: it leaves every list and keeps its history.' })
  archiveIntake(
    @Arg('version', () => Int) version: number,
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: ProgrammesContext,
  ): Promise<Intake> {
    return archiveRecord(ctx, Intake, 'Intake', id, version);
  }
}
