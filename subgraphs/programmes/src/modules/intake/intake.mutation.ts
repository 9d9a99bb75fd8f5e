import { badUserInput } from '@jobcenter-hub/service';
import {
  applyChanges,
  archiveRecord,
  assertOwnerFollows,
  createRecord,
  findReferenced,
  newRecordBasics,
  pickFields,
  provenanceOf,
  updateRecord,
} from '@jobcenter-hub/subgraph';
import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { ProgrammesContext } from '../../context';
import { Programme } from '../programme/programme.entity';
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

@Resolver(() => Intake)
export class IntakeMutations {
  @Mutation(() => Intake, { description: "Publishes a new intake of a programme (editors of the programme's owner, admins)." })
  async createIntake(@Arg('input', () => CreateIntakeInput) input: CreateIntakeInput, @Ctx() ctx: ProgrammesContext): Promise<Intake> {
    assertPlacesFit(input.places, input.placesTaken ?? 0, true);
    const programme = await findReferenced(ctx.em, Programme, 'programme', input.programmeId, 'input.programmeId');
    const { id, ownerId, source } = newRecordBasics(ctx.caller, { ...input, ownerId: input.ownerId ?? programme.ownerId });
    assertOwnerFollows(ctx.caller, ownerId, {
      ownerId: programme.ownerId,
      field: 'input.programmeId',
      what: `programme ${JSON.stringify(programme.id)}`,
    });
    return createRecord(ctx, 'Intake', ownerId, (em) =>
      em.create(Intake, {
        ...pickFields(input, INTAKE_FIELDS),
        id,
        ownerId,
        source,
        programme: programme.id,
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
      applyChanges(record, { ...pickFields(input, INTAKE_FIELDS), source: provenanceOf(input.source) });
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
