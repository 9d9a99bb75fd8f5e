import { badUserInput } from '@jobcenter-hub/service';
import { applyChanges, archiveRecord, createRecord, newRecordBasics, Provenance, updateRecord } from '@jobcenter-hub/subgraph';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { LocationsContext } from '../../context';
import { assertOwnerFollows, assertSignedIn, duplicate, findLive } from '../../ownership';
import { District } from './district.entity';
import { CreateDistrictInput, UpdateDistrictInput } from './district.input';

/** An official key names one municipality: a second district with it is a CONFLICT, not a typo to store. */
async function assertKeyFree(em: EntityManager, officialKey: string | null | undefined, exceptId?: string) {
  if (!officialKey) return;
  const holder = await em.findOne(District, { officialKey, ...(exceptId ? { id: { $ne: exceptId } } : {}) });
  if (holder) throw duplicate('input.officialKey', `district ${JSON.stringify(holder.id)} already has the official key ${officialKey}`);
}

/** The parent a district may have: a live district that is neither the district itself nor below it. */
async function findParent(em: EntityManager, parentId: string, childId: string | undefined): Promise<District> {
  const parent = await findLive(em, District, 'district', parentId, 'input.parentId');
  // Districts nest one or two levels; the bound only guards against cycles already in the data.
  let ancestor: District | null = parent;
  for (let depth = 0; ancestor && depth < 20; depth += 1) {
    if (ancestor.id === childId) throw badUserInput('input.parentId', 'a district cannot lie within itself');
    ancestor = ancestor.parent ? await em.findOne(District, ancestor.parent.id) : null;
  }
  return parent;
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
    assertSignedIn(ctx.caller);
    const parent = input.parentId === undefined ? undefined : await findParent(ctx.em, input.parentId, input.id);
    const { id, ownerId, source } = newRecordBasics(ctx.caller, { ...input, ownerId: input.ownerId ?? parent?.ownerId });
    if (parent) assertOwnerFollows(ctx.caller, ownerId, parent.ownerId, 'input.parentId', `district ${JSON.stringify(parent.id)}`);
    return createRecord(ctx, 'District', ownerId, async (em) => {
      await assertKeyFree(em, input.officialKey);
      return em.create(District, {
        id,
        ownerId,
        source,
        name: input.name,
        kind: input.kind,
        officialKey: input.officialKey,
        parent: parent && em.getReference(District, parent.id),
        latitude: input.latitude,
        longitude: input.longitude,
      });
    });
  }

  @Mutation(() => District, { description: 'Changes a district if `version` is still current (editors of its owner, admins).' })
  updateDistrict(@Arg('input', () => UpdateDistrictInput) input: UpdateDistrictInput, @Ctx() ctx: LocationsContext): Promise<District> {
    return updateRecord(ctx, District, 'District', input.id, input.version, async (record, em) => {
      let parent: District | null | undefined = input.parentId === null ? null : undefined;
      if (input.parentId) {
        parent = await findParent(em, input.parentId, record.id);
        assertOwnerFollows(ctx.caller, record.ownerId, parent.ownerId, 'input.parentId', `district ${JSON.stringify(parent.id)}`);
      }
      await assertKeyFree(em, input.officialKey, record.id);
      applyChanges(record, {
        name: input.name,
        kind: input.kind,
        officialKey: input.officialKey,
        parent,
        latitude: input.latitude,
        longitude: input.longitude,
        source: input.source ? new Provenance(input.source.kind, input.source.citation) : undefined,
      });
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
