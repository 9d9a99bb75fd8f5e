import {
  applyChanges,
  archiveRecord,
  createRecord,
  findReferenced,
  newRecordBasics,
  pickFields,
  provenanceOf,
  updateRecord,
} from '@jobcenter-hub/subgraph';
import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { PartnersContext } from '../../context';
import { Partner } from '../partner/partner.entity';
import { Liaison } from './liaison.entity';
import { CreateLiaisonInput, UpdateLiaisonInput } from './liaison.input';

/** The fields create and update take as sent; `partnerId` (a reference) is handled apart. */
const LIAISON_FIELDS = ['unitId', 'since', 'meetingFrequency', 'activity'] as const;

@Resolver(() => Liaison)
export class LiaisonMutations {
  @Mutation(() => Liaison, {
    description: 'Records that a unit works with a partner (editors for their own organisation, admins for any).',
  })
  createLiaison(@Arg('input', () => CreateLiaisonInput) input: CreateLiaisonInput, @Ctx() ctx: PartnersContext): Promise<Liaison> {
    const { id, ownerId, source } = newRecordBasics(ctx.caller, input);
    return createRecord(ctx, 'Liaison', ownerId, async (em) =>
      em.create(Liaison, {
        ...pickFields(input, LIAISON_FIELDS),
        id,
        ownerId,
        source,
        partner: await findReferenced(em, Partner, 'partner', input.partnerId, 'input.partnerId'),
      }),
    );
  }

  @Mutation(() => Liaison, { description: 'Changes a liaison if `version` is still current (editors of its owner, admins).' })
  updateLiaison(@Arg('input', () => UpdateLiaisonInput) input: UpdateLiaisonInput, @Ctx() ctx: PartnersContext): Promise<Liaison> {
    return updateRecord(ctx, Liaison, 'Liaison', input.id, input.version, async (record, em) => {
      applyChanges(record, {
        ...pickFields(input, LIAISON_FIELDS),
        partner: await findReferenced(em, Partner, 'partner', input.partnerId, 'input.partnerId'),
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
