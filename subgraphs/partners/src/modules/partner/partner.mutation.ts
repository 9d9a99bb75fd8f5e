import {
  applyChanges,
  archiveRecord,
  createRecord,
  newRecordBasics,
  pickFields,
  type Provenance,
  provenanceOf,
  toScheduleData,
  updateRecord,
} from '@jobcenter-hub/subgraph';
import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { PartnersContext } from '../../context';
import { type MeetingData, Partner } from './partner.entity';
import { CreatePartnerInput, type MeetingInput, UpdatePartnerInput } from './partner.input';

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

/** The fields create and update take as sent (a new partner serves no district unless given); `meetings` are stored as `meetingsData`. */
const PARTNER_FIELDS = ['name', 'category', 'description', 'website', 'email', 'phone', 'districtIds'] as const;

@Resolver(() => Partner)
export class PartnerMutations {
  @Mutation(() => Partner, { description: 'Publishes a new partner (editors for their own organisation, admins for any).' })
  createPartner(@Arg('input', () => CreatePartnerInput) input: CreatePartnerInput, @Ctx() ctx: PartnersContext): Promise<Partner> {
    const { id, ownerId, source } = newRecordBasics(ctx.caller, input);
    return createRecord(ctx, 'Partner', ownerId, (em) =>
      em.create(Partner, {
        ...pickFields(input, PARTNER_FIELDS),
        id,
        ownerId,
        source,
        districtIds: input.districtIds ?? [],
        meetingsData: meetingsData(input.meetings ?? [], source),
      }),
    );
  }

  @Mutation(() => Partner, { description: 'Changes a partner if `version` is still current (editors of its owner, admins).' })
  updatePartner(@Arg('input', () => UpdatePartnerInput) input: UpdatePartnerInput, @Ctx() ctx: PartnersContext): Promise<Partner> {
    return updateRecord(ctx, Partner, 'Partner', input.id, input.version, (record) => {
      const source = provenanceOf(input.source);
      applyChanges(record, {
        ...pickFields(input, PARTNER_FIELDS),
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
