import {
  applyChanges,
  archiveRecord,
  assertOwnerFollows,
  assertReferences,
  createRecord,
  findReferenced,
  newRecordBasics,
  pickFields,
  provenanceOf,
  type ReferenceTarget,
  toScheduleData,
  updateRecord,
} from '@jobcenter-hub/subgraph';
import { assertCanWrite } from '@jobcenter-hub/service';
import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { LocationsContext } from '../../context';
import { District } from '../district/district.entity';
import { assertMayNameDistrict } from '../service-area/service-area.checks';
import { Location } from './location.entity';
import { CreateLocationInput, toAccessibility, toEntrances, toTransportStops, UpdateLocationInput } from './location.input';

/**
 * The fields create and update take as sent; `districtId` (a reference), `organisationId` (it decides
 * the owner) and the structured ones (opening hours, entrances, stops, accessibility) are handled apart.
 */
const LOCATION_FIELDS = ['name', 'kind', 'street', 'houseNumber', 'postcode', 'city', 'latitude', 'longitude', 'unitId'] as const;

/** The references of a site into the organisations subgraph, as `assertReferences` checks them. */
const organisationTarget = (id: string): ReferenceTarget => ({
  type: 'Organisation',
  id,
  label: 'organisation',
  field: 'input.organisationId',
});
const unitTarget = (id: string): ReferenceTarget => ({ type: 'OrganisationUnit', id, label: 'unit', field: 'input.unitId' });

/**
 * The references a site input names, checked for a site owned by `ownerId` before anything is written
 * (docs/security.md, "References between publishers"): the organisation running it and its unit (asked
 * from the organisations subgraph together), then its district (`assertMayNameDistrict`). Returns the
 * owners to store with the references.
 */
async function checkSiteReferences(
  ctx: LocationsContext,
  ownerId: string,
  refs: { organisationId?: string; unitId?: string | null; district?: District },
): Promise<{ organisationOwnerId?: string; unitOwnerId?: string | null }> {
  const targets = [
    ...(refs.organisationId !== undefined ? [organisationTarget(refs.organisationId)] : []),
    ...(refs.unitId ? [unitTarget(refs.unitId)] : []),
  ];
  const states = await assertReferences(ctx, targets, ownerId);
  if (refs.district) await assertMayNameDistrict(ctx, refs.district, ownerId, 'input.districtId', 'place');
  const ownerOf = (type: string) => states[targets.findIndex((target) => target.type === type)]?.ownerId;
  return {
    organisationOwnerId: ownerOf('Organisation'),
    unitOwnerId: refs.unitId === null ? null : ownerOf('OrganisationUnit'),
  };
}

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
    // Permission first: a caller who may not write for the owner learns nothing about the references.
    assertCanWrite(ctx.caller, ownerId);
    const district = await findReferenced(ctx.em, District, 'district', input.districtId, 'input.districtId');
    const owners = await checkSiteReferences(ctx, ownerId, { organisationId, unitId: input.unitId, district });
    return createRecord(ctx, 'Location', ownerId, (em) =>
      em.create(Location, {
        id,
        ownerId,
        source,
        ...pickFields(input, LOCATION_FIELDS),
        district: em.getReference(District, district.id),
        organisationId,
        organisationOwnerId: owners.organisationOwnerId,
        unitOwnerId: owners.unitOwnerId ?? undefined,
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
      const owners = await checkSiteReferences(ctx, record.ownerId, {
        organisationId: input.organisationId,
        unitId: input.unitId,
        district,
      });
      applyChanges(record, {
        ...pickFields(input, LOCATION_FIELDS),
        district,
        organisationId: input.organisationId,
        organisationOwnerId: owners.organisationOwnerId,
        unitOwnerId: owners.unitOwnerId,
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
