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
import type { LocationsContext } from '../../context';
import { assertOwnerFollows, assertSignedIn, findLive } from '../../ownership';
import { District } from '../district/district.entity';
import { Location } from './location.entity';
import { CreateLocationInput, toAccessibility, toEntrances, toTransportStops, UpdateLocationInput } from './location.input';

@Resolver(() => Location)
export class LocationMutations {
  @Mutation(() => Location, { description: 'Publishes a new site (editors of the organisation running it, admins for any).' })
  async createLocation(
    @Arg('input', () => CreateLocationInput) input: CreateLocationInput,
    @Ctx() ctx: LocationsContext,
  ): Promise<Location> {
    assertSignedIn(ctx.caller);
    // The organisation running the site owns it, unless an admin says otherwise.
    const { id, ownerId, source } = newRecordBasics(ctx.caller, { ...input, ownerId: input.ownerId ?? input.organisationId });
    const organisationId = input.organisationId ?? ownerId;
    assertOwnerFollows(ctx.caller, ownerId, organisationId, 'input.organisationId', `a site run by ${organisationId}`);
    const district = await findLive(ctx.em, District, 'district', input.districtId, 'input.districtId');
    return createRecord(ctx, 'Location', ownerId, (em) =>
      em.create(Location, {
        id,
        ownerId,
        source,
        name: input.name,
        kind: input.kind,
        street: input.street,
        houseNumber: input.houseNumber,
        postcode: input.postcode,
        city: input.city,
        latitude: input.latitude,
        longitude: input.longitude,
        district: em.getReference(District, district.id),
        unitId: input.unitId,
        organisationId,
        openingHoursData: input.openingHours ? toScheduleData(input.openingHours) : undefined,
        entrancesData: toEntrances(input.entrances ?? []),
        transportStopsData: toTransportStops(input.transportStops ?? []),
        ...toAccessibility(input.accessibility),
      }),
    );
  }

  @Mutation(() => Location, { description: 'Changes a site if `version` is still current (editors of its owner, admins).' })
  updateLocation(@Arg('input', () => UpdateLocationInput) input: UpdateLocationInput, @Ctx() ctx: LocationsContext): Promise<Location> {
    return updateRecord(ctx, Location, 'Location', input.id, input.version, async (record, em) => {
      if (input.organisationId !== undefined) {
        assertOwnerFollows(
          ctx.caller,
          record.ownerId,
          input.organisationId,
          'input.organisationId',
          `a site run by ${input.organisationId}`,
        );
      }
      const district =
        input.districtId === undefined ? undefined : await findLive(em, District, 'district', input.districtId, 'input.districtId');
      applyChanges(record, {
        name: input.name,
        kind: input.kind,
        street: input.street,
        houseNumber: input.houseNumber,
        postcode: input.postcode,
        city: input.city,
        latitude: input.latitude,
        longitude: input.longitude,
        district,
        unitId: input.unitId,
        organisationId: input.organisationId,
        openingHoursData: input.openingHours === undefined ? undefined : input.openingHours && toScheduleData(input.openingHours),
        entrancesData: input.entrances && toEntrances(input.entrances),
        transportStopsData: input.transportStops && toTransportStops(input.transportStops),
        stepFree: input.accessibility?.stepFree,
        lift: input.accessibility?.lift,
        accessibleToilet: input.accessibility?.accessibleToilet,
        hearingLoop: input.accessibility?.hearingLoop,
        source: input.source ? new Provenance(input.source.kind, input.source.citation) : undefined,
      });
    });
  }

  @Mutation(() => Location, {
    description: 'Archives a site: it leaves every list and answer, keeps its history and stays readable by id.',
  })
  archiveLocation(
    @Arg('version', () => Int) version: number,
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: LocationsContext,
  ): Promise<Location> {
    return archiveRecord(ctx, Location, 'Location', id, version);
  }
}
