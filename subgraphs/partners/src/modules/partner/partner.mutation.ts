import { assertCanWrite } from '@jobcenter-hub/service';
import {
  applyChanges,
  assertReference,
  archiveRecord,
  createRecord,
  newRecordBasics,
  pickFields,
  type Provenance,
  provenanceOf,
  toScheduleData,
  updateRecord,
  REFERENCE_LAYER_OWNER,
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

/**
 * The owners of the districts a partner owned by `ownerId` is to serve, in order, once each district is
 * known, live, and the partner's owner's own, granted to it, or one of the public reference layer's
 * (`mayServe`); every district is checked, in order, before anything is written (one call for all).
 */
async function districtOwners(ctx: PartnersContext, districtIds: readonly string[], ownerId: string): Promise<string[]> {
  const states = await Promise.all(districtIds.map((id) => ctx.references.state('District', id)));
  const owners: string[] = [];
  for (const [index, id] of districtIds.entries()) {
    const state = states[index] ?? null;
    const layer = state !== null && !state.archived && state.ownerId === REFERENCE_LAYER_OWNER;
    const target = { type: 'District' as const, id, label: 'district', field: 'input.districtIds' };
    owners.push(layer ? state.ownerId : (await assertReference(ctx, target, ownerId, state)).ownerId);
  }
  return owners;
}

/** The fields create and update take as sent (a new partner serves no district unless given); `meetings` are stored as `meetingsData`. */
const PARTNER_FIELDS = ['name', 'category', 'description', 'website', 'email', 'phone', 'districtIds'] as const;

@Resolver(() => Partner)
export class PartnerMutations {
  @Mutation(() => Partner, { description: 'Publishes a new partner (editors for their own organisation, admins for any).' })
  async createPartner(@Arg('input', () => CreatePartnerInput) input: CreatePartnerInput, @Ctx() ctx: PartnersContext): Promise<Partner> {
    const { id, ownerId, source } = newRecordBasics(ctx.caller, input);
    assertCanWrite(ctx.caller, ownerId);
    const districtIds = input.districtIds ?? [];
    const districtOwnerIds = await districtOwners(ctx, districtIds, ownerId);
    return createRecord(ctx, 'Partner', ownerId, (em) =>
      em.create(Partner, {
        ...pickFields(input, PARTNER_FIELDS),
        id,
        ownerId,
        source,
        districtIds,
        districtOwnerIds,
        meetingsData: meetingsData(input.meetings ?? [], source),
      }),
    );
  }

  @Mutation(() => Partner, { description: 'Changes a partner if `version` is still current (editors of its owner, admins).' })
  updatePartner(@Arg('input', () => UpdatePartnerInput) input: UpdatePartnerInput, @Ctx() ctx: PartnersContext): Promise<Partner> {
    return updateRecord(ctx, Partner, 'Partner', input.id, input.version, async (record) => {
      const source = provenanceOf(input.source);
      applyChanges(record, {
        ...pickFields(input, PARTNER_FIELDS),
        districtOwnerIds: input.districtIds ? await districtOwners(ctx, input.districtIds, record.ownerId) : undefined,
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
