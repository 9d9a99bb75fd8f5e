import { badUserInput } from '@jobcenter-hub/service';
import { applyChanges, archiveRecord, createRecord, newRecordBasics, Provenance, updateRecord } from '@jobcenter-hub/subgraph';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { LocationsContext } from '../../context';
import { assertOwnerFollows, assertSignedIn, duplicate, findLive } from '../../ownership';
import { District } from '../district/district.entity';
import { DistrictIndicator } from './district-indicator.entity';
import { CreateDistrictIndicatorInput, UpdateDistrictIndicatorInput } from './district-indicator.input';

/** One live set of figures per district and year (archived ones keep their history beside it). */
async function assertYearFree(em: EntityManager, districtId: string, year: number, exceptId?: string) {
  const holder = await em.findOne(DistrictIndicator, {
    district: districtId,
    year,
    archivedAt: null,
    ...(exceptId ? { id: { $ne: exceptId } } : {}),
  });
  if (holder)
    throw duplicate('input.year', `district ${JSON.stringify(districtId)} already has figures for ${year} (${JSON.stringify(holder.id)})`);
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
    assertSignedIn(ctx.caller);
    const district = await findLive(ctx.em, District, 'district', input.districtId, 'input.districtId');
    const { id, ownerId, source } = newRecordBasics(ctx.caller, { ...input, ownerId: input.ownerId ?? district.ownerId });
    assertOwnerFollows(ctx.caller, ownerId, district.ownerId, 'input.districtId', `district ${JSON.stringify(district.id)}`);
    return createRecord(ctx, 'DistrictIndicator', ownerId, async (em) => {
      await assertYearFree(em, district.id, input.year);
      return em.create(DistrictIndicator, {
        id,
        ownerId,
        source,
        district: em.getReference(District, district.id),
        year: input.year,
        population: input.population,
        benefitRecipients: input.benefitRecipients,
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
      applyChanges(record, {
        year: input.year,
        population: input.population,
        benefitRecipients: input.benefitRecipients,
        source: input.source ? new Provenance(input.source.kind, input.source.citation) : undefined,
      });
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
