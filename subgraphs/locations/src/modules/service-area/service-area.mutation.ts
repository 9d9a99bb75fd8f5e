import {
  applyChanges,
  archiveRecord,
  assertOwnerFollows,
  assertReference,
  createRecord,
  findReferenced,
  newRecordBasics,
  provenanceOf,
  referenceStateOf,
  updateRecord,
  WITH_ARCHIVED,
} from '@jobcenter-hub/subgraph';
import { assertCanWrite } from '@jobcenter-hub/service';
import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { LocationsContext } from '../../context';
import { District } from '../district/district.entity';
import { Location } from '../location/location.entity';
import { assertMayNameDistrict, assertPostcodesInDistrict } from './service-area.checks';
import { ServiceArea } from './service-area.entity';
import { CreateServiceAreaInput, UpdateServiceAreaInput } from './service-area.input';

/** The owner a service area of `location` must have: the site's. */
const siteOf = (location: Location) => ({
  ownerId: location.ownerId,
  field: 'input.locationId',
  what: `site ${JSON.stringify(location.id)}`,
});

/**
 * The references of a service area owned by `ownerId`, checked before anything is written: its site must
 * be its owner's own or granted to it (an admin may name another owner than the site's, but not without
 * the site owner's grant), its district must pass the district rule (`assertMayNameDistrict`: own,
 * granted, or a district of the reference layer inside the owner's area).
 */
async function checkAreaReferences(ctx: LocationsContext, ownerId: string, location?: Location, district?: District): Promise<void> {
  if (location) {
    await assertReference(
      ctx,
      { type: 'Location', id: location.id, label: 'site', field: 'input.locationId' },
      ownerId,
      referenceStateOf(location),
    );
  }
  if (district) await assertMayNameDistrict(ctx, district, ownerId, 'input.districtId', 'responsibility');
}

@Resolver(() => ServiceArea)
export class ServiceAreaMutations {
  @Mutation(() => ServiceArea, { description: "Says which district (or postcodes) a site serves (editors of the site's owner, admins)." })
  async createServiceArea(
    @Arg('input', () => CreateServiceAreaInput) input: CreateServiceAreaInput,
    @Ctx() ctx: LocationsContext,
  ): Promise<ServiceArea> {
    const location = await findReferenced(ctx.em, Location, 'site', input.locationId, 'input.locationId');
    const district = await findReferenced(ctx.em, District, 'district', input.districtId, 'input.districtId');
    const { id, ownerId, source } = newRecordBasics(ctx.caller, { ...input, ownerId: input.ownerId ?? location.ownerId });
    assertOwnerFollows(ctx.caller, ownerId, siteOf(location));
    // Permission first: a caller who may not write for the owner learns nothing about the references.
    assertCanWrite(ctx.caller, ownerId);
    await checkAreaReferences(ctx, ownerId, location, district);
    await assertPostcodesInDistrict(ctx.em, district, input.postcodes ?? [], 'input.postcodes');
    return createRecord(ctx, 'ServiceArea', ownerId, (em) =>
      em.create(ServiceArea, {
        id,
        ownerId,
        source,
        location: em.getReference(Location, location.id),
        district: em.getReference(District, district.id),
        postcodes: [...(input.postcodes ?? [])],
      }),
    );
  }

  @Mutation(() => ServiceArea, { description: 'Changes a service area if `version` is still current (editors of its owner, admins).' })
  updateServiceArea(
    @Arg('input', () => UpdateServiceAreaInput) input: UpdateServiceAreaInput,
    @Ctx() ctx: LocationsContext,
  ): Promise<ServiceArea> {
    return updateRecord(ctx, ServiceArea, 'ServiceArea', input.id, input.version, async (record, em) => {
      const location = await findReferenced(em, Location, 'site', input.locationId, 'input.locationId');
      if (location) assertOwnerFollows(ctx.caller, record.ownerId, siteOf(location));
      const district = await findReferenced(em, District, 'district', input.districtId, 'input.districtId');
      await checkAreaReferences(ctx, record.ownerId, location, district);
      // The postcodes must lie in the district the area will have (either may change alone).
      if (district || input.postcodes) {
        const areaDistrict = district ?? (await em.findOneOrFail(District, record.district.id, WITH_ARCHIVED));
        await assertPostcodesInDistrict(em, areaDistrict, input.postcodes ?? record.postcodes, 'input.postcodes');
      }
      applyChanges(record, {
        location,
        district,
        postcodes: input.postcodes && [...input.postcodes],
        source: provenanceOf(input.source),
      });
    });
  }

  @Mutation(() => ServiceArea, { description: 'Archives a service area: it leaves every answer and keeps its history.' })
  archiveServiceArea(
    @Arg('version', () => Int) version: number,
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: LocationsContext,
  ): Promise<ServiceArea> {
    return archiveRecord(ctx, ServiceArea, 'ServiceArea', id, version);
  }
}
