import { badUserInput } from '@jobcenter-hub/service';
import {
  applyChanges,
  archiveRecord,
  assertOwnerFollows,
  createRecord,
  findReferenced,
  inputConflict,
  newRecordBasics,
  pickFields,
  provenanceOf,
  updateRecord,
} from '@jobcenter-hub/subgraph';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { LocationsContext } from '../../context';
import { District } from '../district/district.entity';
import { DistrictIndicator } from './district-indicator.entity';
import { CreateDistrictIndicatorInput, UpdateDistrictIndicatorInput } from './district-indicator.input';

/** The figures create and update take as sent; `districtId` (a reference, create only) is handled apart. */
const DISTRICT_INDICATOR_FIELDS = ['year', 'population', 'benefitRecipients'] as const;

/**
 * One live set of figures per district and year; archived ones (which the `live` filter leaves out here)
 * keep their history beside it.
 */
async function assertYearFree(em: EntityManager, districtId: string, year: number, exceptId?: string) {
  const holder = await em.findOne(DistrictIndicator, {
    district: districtId,
    year,
    ...(exceptId ? { id: { $ne: exceptId } } : {}),
  });
  if (holder)
    throw inputConflict(
      'input.year',
      `district ${JSON.stringify(districtId)} already has figures for ${year} (${JSON.stringify(holder.id)})`,
    );
}

@Resolver(() => DistrictIndicator)
export class DistrictIndicatorMutations {
  @Mutation(() => DistrictIndicator, {
    description: "Publishes a district's figures for a year (editors of the district's owner, admins).",
  })
  async createDistrictIndicator(
    @Arg('input', () => CreateDistrictIndicatorInput) input: CreateDistrictIndicatorInput,
    @Ctx() ctx: LocationsContext,
  ): Promise<DistrictIndicator> {
    const district = await findReferenced(ctx.em, District, 'district', input.districtId, 'input.districtId');
    const { id, ownerId, source } = newRecordBasics(ctx.caller, { ...input, ownerId: input.ownerId ?? district.ownerId });
    assertOwnerFollows(ctx.caller, ownerId, {
      ownerId: district.ownerId,
      field: 'input.districtId',
      what: `district ${JSON.stringify(district.id)}`,
    });
    return createRecord(ctx, 'DistrictIndicator', ownerId, async (em) => {
      await assertYearFree(em, district.id, input.year);
      return em.create(DistrictIndicator, {
        id,
        ownerId,
        source,
        district: em.getReference(District, district.id),
        ...pickFields(input, DISTRICT_INDICATOR_FIELDS),
        populationSource: provenanceOf(input.populationSource) ?? null,
      });
    });
  }

  @Mutation(() => DistrictIndicator, { description: 'Corrects figures if `version` is still current (editors of their owner, admins).' })
  updateDistrictIndicator(
    @Arg('input', () => UpdateDistrictIndicatorInput) input: UpdateDistrictIndicatorInput,
    @Ctx() ctx: LocationsContext,
  ): Promise<DistrictIndicator> {
    return updateRecord(ctx, DistrictIndicator, 'DistrictIndicator', input.id, input.version, async (record, em) => {
      if (input.year !== undefined && input.year !== record.year) await assertYearFree(em, record.district.id, input.year, record.id);
      // The population's own source belongs to the figure it cites: a new population without one drops it.
      const populationChanged = input.population !== undefined && input.population !== record.population;
      const populationSource =
        input.populationSource !== undefined ? (provenanceOf(input.populationSource) ?? null) : populationChanged ? null : undefined;
      applyChanges(record, { ...pickFields(input, DISTRICT_INDICATOR_FIELDS), source: provenanceOf(input.source), populationSource });
      // Either figure may come alone: compare what the record will hold.
      if (record.benefitRecipients > record.population) {
        const field = input.benefitRecipients === undefined ? 'input.population' : 'input.benefitRecipients';
        throw badUserInput(field, `benefit recipients (${record.benefitRecipients}) cannot exceed the population (${record.population})`);
      }
    });
  }

  @Mutation(() => DistrictIndicator, { description: 'Archives figures: they leave the district and dashboards, and keep their history.' })
  archiveDistrictIndicator(
    @Arg('version', () => Int) version: number,
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: LocationsContext,
  ): Promise<DistrictIndicator> {
    return archiveRecord(ctx, DistrictIndicator, 'DistrictIndicator', id, version);
  }
}
