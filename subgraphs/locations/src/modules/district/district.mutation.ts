import {
  applyChanges,
  archiveRecord,
  assertNotOwnAncestor,
  assertOwnerFollows,
  createRecord,
  findReferenced,
  inputConflict,
  newRecordBasics,
  pickFields,
  provenanceOf,
  updateRecord,
  WITH_ARCHIVED,
} from '@jobcenter-hub/subgraph';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { LocationsContext } from '../../context';
import { assertMayNameDistrict } from '../service-area/service-area.checks';
import { District } from './district.entity';
import { CreateDistrictInput, UpdateDistrictInput } from './district.input';

/** The fields create and update take as sent; `parentId` (a reference) is handled apart. */
const DISTRICT_FIELDS = ['name', 'kind', 'officialKey', 'latitude', 'longitude'] as const;

/** The owner a district under `parent` must have: its city's. */
const cityOf = (parent: District) => ({ ownerId: parent.ownerId, field: 'input.parentId', what: `district ${JSON.stringify(parent.id)}` });

/**
 * An official key names one municipality: a second district with it is a CONFLICT, not a typo to store.
 * Archived districts keep their key (the unique constraint covers every row), so they are asked too.
 */
async function assertKeyFree(em: EntityManager, officialKey: string | null | undefined, exceptId?: string) {
  if (!officialKey) return;
  const holder = await em.findOne(District, { officialKey, ...(exceptId ? { id: { $ne: exceptId } } : {}) }, WITH_ARCHIVED);
  if (holder) throw inputConflict('input.officialKey', `district ${JSON.stringify(holder.id)} already has the official key ${officialKey}`);
}

@Resolver(() => District)
export class DistrictMutations {
  @Mutation(() => District, {
    description: "Publishes a new district (editors of the municipality that owns it; a city district: its city's owner).",
  })
  async createDistrict(
    @Arg('input', () => CreateDistrictInput) input: CreateDistrictInput,
    @Ctx() ctx: LocationsContext,
  ): Promise<District> {
    const parent = await findReferenced(ctx.em, District, 'district', input.parentId, 'input.parentId');
    const { id, ownerId, source } = newRecordBasics(ctx.caller, { ...input, ownerId: input.ownerId ?? parent?.ownerId });
    await assertNotOwnAncestor(ctx.em, District, 'district', id, parent, 'input.parentId');
    if (parent) assertOwnerFollows(ctx.caller, ownerId, cityOf(parent));
    if (parent) await assertMayNameDistrict(ctx, parent, ownerId, 'input.parentId', 'place');
    return createRecord(ctx, 'District', ownerId, async (em) => {
      await assertKeyFree(em, input.officialKey);
      return em.create(District, {
        ...pickFields(input, DISTRICT_FIELDS),
        id,
        ownerId,
        source,
        parent: parent && em.getReference(District, parent.id),
      });
    });
  }

  @Mutation(() => District, { description: 'Changes a district if `version` is still current (editors of its owner, admins).' })
  updateDistrict(@Arg('input', () => UpdateDistrictInput) input: UpdateDistrictInput, @Ctx() ctx: LocationsContext): Promise<District> {
    return updateRecord(ctx, District, 'District', input.id, input.version, async (record, em) => {
      const parent = await findReferenced(em, District, 'district', input.parentId, 'input.parentId');
      await assertNotOwnAncestor(em, District, 'district', record.id, parent, 'input.parentId');
      if (parent) assertOwnerFollows(ctx.caller, record.ownerId, cityOf(parent));
      if (parent) await assertMayNameDistrict(ctx, parent, record.ownerId, 'input.parentId', 'place');
      await assertKeyFree(em, input.officialKey, record.id);
      applyChanges(record, { ...pickFields(input, DISTRICT_FIELDS), parent, source: provenanceOf(input.source) });
    });
  }

  @Mutation(() => District, {
    description: 'Archives a district: it leaves every list and answer, keeps its history and stays readable by id.',
  })
  archiveDistrict(
    @Arg('version', () => Int) version: number,
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: LocationsContext,
  ): Promise<District> {
    return archiveRecord(ctx, District, 'District', id, version);
  }
}
