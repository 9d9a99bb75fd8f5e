import { badUserInput } from '@jobcenter-hub/service';
import { applyChanges, archiveRecord, createRecord, newRecordBasics, Provenance, updateRecord } from '@jobcenter-hub/subgraph';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { PartnersContext } from '../../context';
import { Partner } from '../partner/partner.entity';
import { Liaison } from './liaison.entity';
import { CreateLiaisonInput, UpdateLiaisonInput } from './liaison.input';

/** A reference to an existing, not archived partner, or BAD_USER_INPUT naming the field. */
async function partnerRef(em: EntityManager, id: string | undefined, field: string): Promise<Partner | undefined> {
  if (id === undefined) return undefined;
  const partner = await em.findOne(Partner, { id });
  if (!partner) throw badUserInput(field, `no partner ${JSON.stringify(id)}`);
  if (partner.archivedAt) throw badUserInput(field, `partner ${JSON.stringify(id)} is archived`);
  return partner;
}

@Resolver(() => Liaison)
export class LiaisonMutations {
  @Mutation(() => Liaison, {
    description: 'Records that a unit works with a partner (editors for their own organisation, admins for any).',
  })
  createLiaison(@Arg('input', () => CreateLiaisonInput) input: CreateLiaisonInput, @Ctx() ctx: PartnersContext): Promise<Liaison> {
    const { id, ownerId, source } = newRecordBasics(ctx.caller, input);
    return createRecord(ctx, 'Liaison', ownerId, async (em) =>
      em.create(Liaison, {
        id,
        ownerId,
        source,
        unitId: input.unitId,
        partner: (await partnerRef(em, input.partnerId, 'input.partnerId'))!,
        since: input.since,
        meetingFrequency: input.meetingFrequency,
        activity: input.activity,
      }),
    );
  }

  @Mutation(() => Liaison, { description: 'Changes a liaison if `version` is still current (editors of its owner, admins).' })
  updateLiaison(@Arg('input', () => UpdateLiaisonInput) input: UpdateLiaisonInput, @Ctx() ctx: PartnersContext): Promise<Liaison> {
    return updateRecord(ctx, Liaison, 'Liaison', input.id, input.version, async (record, em) => {
      applyChanges(record, {
        unitId: input.unitId,
        partner: await partnerRef(em, input.partnerId, 'input.partnerId'),
        since: input.since,
        meetingFrequency: input.meetingFrequency,
        activity: input.activity,
        source: input.source ? new Provenance(input.source.kind, input.source.citation) : undefined,
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
