import {
  applyChanges,
  archiveRecord,
  createRecord,
  newRecordBasics,
  Provenance,
  toScheduleData,
  updateRecord,
} from '@jobcenter-hub/subgraph';
import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { PartnersContext } from '../../context';
import type { MeetingInput } from './meeting.input';
import { type MeetingData, Partner } from './partner.entity';
import { CreatePartnerInput, UpdatePartnerInput } from './partner.input';

/** The stored form of the meetings a client sent; a meeting without a source has the partner's. */
function meetingsData(meetings: MeetingInput[], partnerSource: Provenance): MeetingData[] {
  return meetings.map((meeting) => ({
    title: meeting.title,
    kind: meeting.kind,
    place: meeting.place ?? null,
    source: { kind: (meeting.source ?? partnerSource).kind, citation: (meeting.source ?? partnerSource).citation },
    schedule: toScheduleData(meeting.schedule),
  }));
}

@Resolver(() => Partner)
export class PartnerMutations {
  @Mutation(() => Partner, { description: 'Publishes a new partner (editors for their own organisation, admins for any).' })
  createPartner(@Arg('input', () => CreatePartnerInput) input: CreatePartnerInput, @Ctx() ctx: PartnersContext): Promise<Partner> {
    const { id, ownerId, source } = newRecordBasics(ctx.caller, input);
    return createRecord(ctx, 'Partner', ownerId, (em) =>
      em.create(Partner, {
        id,
        ownerId,
        source,
        name: input.name,
        category: input.category,
        description: input.description,
        website: input.website,
        email: input.email,
        phone: input.phone,
        districtIds: input.districtIds ?? [],
        meetingsData: meetingsData(input.meetings ?? [], source),
      }),
    );
  }

  @Mutation(() => Partner, { description: 'Changes a partner if `version` is still current (editors of its owner, admins).' })
  updatePartner(@Arg('input', () => UpdatePartnerInput) input: UpdatePartnerInput, @Ctx() ctx: PartnersContext): Promise<Partner> {
    return updateRecord(ctx, Partner, 'Partner', input.id, input.version, (record) => {
      const source = input.source ? new Provenance(input.source.kind, input.source.citation) : undefined;
      applyChanges(record, {
        name: input.name,
        category: input.category,
        description: input.description,
        website: input.website,
        email: input.email,
        phone: input.phone,
        districtIds: input.districtIds,
        meetingsData: input.meetings ? meetingsData(input.meetings, source ?? record.source) : undefined,
        source,
      });
    });
  }

  @Mutation(() => Partner, { description: 'Archives a partner: it leaves every list and keeps its history.' })
  archivePartner(
    @Arg('version', () => Int) version: number,
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: PartnersContext,
  ): Promise<Partner> {
    return archiveRecord(ctx, Partner, 'Partner', id, version);
  }
}
