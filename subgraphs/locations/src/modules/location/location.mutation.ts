import {
  applyChanges,
  archiveRecord,
  assertOwnerFollows,
  createRecord,
  findReferenced,
  newRecordBasics,
  pickFields,
  provenanceOf,
  toScheduleData,
  updateRecord,
} from '@jobcenter-hub/subgraph';
import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { LocationsContext } from '../../context';
import { District } from '../district/district.entity';
import { Location } from './location.entity';
import { CreateLocationInput, toAccessibility, toEntrances, toTransportStops, UpdateLocationInput } from './location.input';

/**
 * The fields create and update take as sent; `districtId` (a reference), `organisationId` (it decides
 * the owner) and the structured ones (opening hours, entrances, stops, accessibility) are handled apart.
 */
const LOCATION_FIELDS = ['name', 'kind', 'street', 'houseNumber', 'postcode', 'city', 'latitude', 'longitude', 'unitId'] as const;

/** A site's owner must be the organisation running it. */
const runBy = (organisationId: string) => ({
  ownerId: organisationId,
  field: 'input.organisationId',
  what: `a site run by ${organisationId}`,
});

@Resolver(() => Location)
export class LocationMutations {
  @Mutation(() => Location, { description: 'Publishes a new site (editors of the organisation running it, admins for any).' })
  async createLocation(
    @Arg('input', () => CreateLocationInput) input: CreateLocationInput,
    @Ctx() ctx: LocationsContext,
  ): Promise<Location> {
    // The organisation running the site owns it, unless an admin says otherwise.
    const { id, ownerId, source } = newRecordBasics(ctx.caller, { ...input, ownerId: input.ownerId ?? input.organisationId });
    const organisationId = input.organisationId ?? ownerId;
    assertOwnerFollows(ctx.caller, ownerId, runBy(organisationId));
    const district = await findReferenced(ctx.em, District, 'district', input.districtId, 'input.districtId');
    return createRecord(ctx, 'Location', ownerId, (em) =>
      em.create(Location, {
        id,
        ownerId,
        source,
        ...pickFields(input, LOCATION_FIELDS),
        district: em.getReference(District, district.id),
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
      if (input.organisationId !== undefined) assertOwnerFollows(ctx.caller, record.ownerId, runBy(input.organisationId));
      const district = await findReferenced(em, District, 'district', input.districtId, 'input.districtId');
      applyChanges(record, {
        ...pickFields(input, LOCATION_FIELDS),
        district,
        organisationId: input.organisationId,
        openingHoursData: input.openingHours === undefined ? undefined : input.openingHours && toScheduleData(input.openingHours),
        entrancesData: input.entrances && toEntrances(input.entrances),
        transportStopsData: input.transportStops && toTransportStops(input.transportStops),
        stepFree: input.accessibility?.stepFree,
        lift: input.accessibility?.lift,
        accessibleToilet: input.accessibility?.accessibleToilet,
        hearingLoop: input.accessibility?.hearingLoop,
        source: provenanceOf(input.source),
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
