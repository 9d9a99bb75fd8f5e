import { assertCanWrite, badUserInput } from '@jobcenter-hub/service';
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
import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { ProgrammesContext } from '../../context';
import { Programme } from '../programme/programme.entity';
import { programmeTarget } from '../programme/programme.queries';
import { Intake } from './intake.entity';
import { CreateIntakeInput, UpdateIntakeInput } from './intake.input';

/** The fields create and update take as sent; `programmeId` (create only, a reference) is handled apart. */
const INTAKE_FIELDS = ['venueId', 'startsOn', 'places', 'placesTaken'] as const;

/** Places taken lie between 0 and the places offered; the message names the field the client sent. */
function assertPlacesFit(places: number, placesTaken: number, sentTaken: boolean): void {
  if (placesTaken <= places) return;
  throw sentTaken
    ? badUserInput('input.placesTaken', `must not exceed the places offered (${places})`)
    : badUserInput('input.places', `must be at least the places already taken (${placesTaken})`);
}

const venueTarget = (id: string): ReferenceTarget => ({ type: 'Location', id, label: 'site', field: 'input.venueId' });

@Resolver(() => Intake)
export class IntakeMutations {
  @Mutation(() => Intake, {
    description:
      "Publishes a new intake of a programme (editors of the programme's owner, admins). Its venue must be its owner's own site, or the site's owner must grant it references.",
  })
  async createIntake(@Arg('input', () => CreateIntakeInput) input: CreateIntakeInput, @Ctx() ctx: ProgrammesContext): Promise<Intake> {
    assertPlacesFit(input.places, input.placesTaken ?? 0, true);
    const programme = await findReferenced(ctx.em, Programme, 'programme', input.programmeId, 'input.programmeId');
    const { id, ownerId, source } = newRecordBasics(ctx.caller, { ...input, ownerId: input.ownerId ?? programme.ownerId });
    assertOwnerFollows(ctx.caller, ownerId, {
      ownerId: programme.ownerId,
      field: 'input.programmeId',
      what: `programme ${JSON.stringify(programme.id)}`,
    });
    assertCanWrite(ctx.caller, ownerId);
    // Both references before anything is written; an admin's intake of another owner's programme needs its grant too.
    await assertReference(ctx, programmeTarget(programme.id), ownerId, referenceStateOf(programme));
    const venue = await assertReference(ctx, venueTarget(input.venueId), ownerId);
    return createRecord(ctx, 'Intake', ownerId, (em) =>
      em.create(Intake, {
        ...pickFields(input, INTAKE_FIELDS),
        id,
        ownerId,
        source,
        programme: programme.id,
        venueOwnerId: venue.ownerId,
        placesTaken: input.placesTaken ?? 0,
      }),
    );
  }

  @Mutation(() => Intake, { description: 'Changes an intake if `version` is still current (editors of its owner, admins).' })
  updateIntake(@Arg('input', () => UpdateIntakeInput) input: UpdateIntakeInput, @Ctx() ctx: ProgrammesContext): Promise<Intake> {
    return updateRecord(ctx, Intake, 'Intake', input.id, input.version, async (record) => {
      if (input.places !== undefined || input.placesTaken !== undefined) {
        assertPlacesFit(input.places ?? record.places, input.placesTaken ?? record.placesTaken, input.placesTaken !== undefined);
      }
      const venue = input.venueId !== undefined ? await assertReference(ctx, venueTarget(input.venueId), record.ownerId) : undefined;
      applyChanges(record, { ...pickFields(input, INTAKE_FIELDS), venueOwnerId: venue?.ownerId, source: provenanceOf(input.source) });
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
