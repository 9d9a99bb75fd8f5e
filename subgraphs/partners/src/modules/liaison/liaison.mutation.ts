import { assertCanWrite } from '@jobcenter-hub/service';
import {
  applyChanges,
  archiveRecord,
  assertReferences,
  createRecord,
  newRecordBasics,
  pickFields,
  provenanceOf,
  type ReferenceTarget,
  updateRecord,
} from '@jobcenter-hub/subgraph';
import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { PartnersContext } from '../../context';
import { Partner } from '../partner/partner.entity';
import { Liaison } from './liaison.entity';
import { CreateLiaisonInput, UpdateLiaisonInput } from './liaison.input';

/** The fields create and update take as sent; `partnerId` (a reference) is handled apart. */
const LIAISON_FIELDS = ['unitId', 'since', 'meetingFrequency', 'activity'] as const;

const unitTarget = (id: string): ReferenceTarget => ({ type: 'OrganisationUnit', id, label: 'unit', field: 'input.unitId' });
const partnerTarget = (id: string): ReferenceTarget => ({ type: 'Partner', id, label: 'partner', field: 'input.partnerId' });

/**
 * Checks the unit and the partner a liaison owned by `ownerId` names (those sent), both before anything
 * is written: known, live, and the liaison's owner's own or granted to it. Returns the unit's owner
 * (undefined when no unit was sent).
 */
async function checkReferences(
  ctx: PartnersContext,
  ownerId: string,
  references: { unitId?: string; partnerId?: string },
): Promise<{ unitOwnerId?: string }> {
  const targets = [
    ...(references.unitId !== undefined ? [unitTarget(references.unitId)] : []),
    ...(references.partnerId !== undefined ? [partnerTarget(references.partnerId)] : []),
  ];
  const states = await assertReferences(ctx, targets, ownerId);
  return { unitOwnerId: references.unitId !== undefined ? states[0]!.ownerId : undefined };
}

@Resolver(() => Liaison)
export class LiaisonMutations {
  @Mutation(() => Liaison, {
    description:
      "Records that a unit works with a partner (editors for their own organisation, admins for any). The unit and the partner must be the liaison's owner's own, or their owners must grant it references.",
  })
  async createLiaison(@Arg('input', () => CreateLiaisonInput) input: CreateLiaisonInput, @Ctx() ctx: PartnersContext): Promise<Liaison> {
    const { id, ownerId, source } = newRecordBasics(ctx.caller, input);
    assertCanWrite(ctx.caller, ownerId);
    const { unitOwnerId } = await checkReferences(ctx, ownerId, input);
    return createRecord(ctx, 'Liaison', ownerId, (em) =>
      em.create(Liaison, {
        ...pickFields(input, LIAISON_FIELDS),
        id,
        ownerId,
        source,
        unitOwnerId,
        partner: em.getReference(Partner, input.partnerId),
      }),
    );
  }

  @Mutation(() => Liaison, { description: 'Changes a liaison if `version` is still current (editors of its owner, admins).' })
  updateLiaison(@Arg('input', () => UpdateLiaisonInput) input: UpdateLiaisonInput, @Ctx() ctx: PartnersContext): Promise<Liaison> {
    return updateRecord(ctx, Liaison, 'Liaison', input.id, input.version, async (record, em) => {
      const { unitOwnerId } = await checkReferences(ctx, record.ownerId, input);
      applyChanges(record, {
        ...pickFields(input, LIAISON_FIELDS),
        unitOwnerId,
        partner: input.partnerId === undefined ? undefined : em.getReference(Partner, input.partnerId),
        source: provenanceOf(input.source),
      });
    });
  }

  @Mutation(() => Liaison, { description: 'Archives a liaison: it leaves every list and keeps its history.' })
  archiveLiaison(
    @Arg('version', () => Int) version: number,
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: PartnersContext,
  ): Promise<Liaison> {
    return archiveRecord(ctx, Liaison, 'Liaison', id, version);
  }
}
