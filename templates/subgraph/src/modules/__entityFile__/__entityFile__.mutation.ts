import { assertCanWrite } from '@jobcenter-hub/service';
import {
  applyChanges,
  archiveRecord,
  assertReferences,
  createRecord,
  newRecordBasics,
  pickFields,
  provenanceOf,
  REFERENCE_LAYER_OWNER,
  type ReferenceTarget,
  updateRecord,
} from '@jobcenter-hub/subgraph';
import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { __Name__Context } from '../../context';
import { __Entity__ } from './__entityFile__.entity';
import { Create__Entity__Input, Update__Entity__Input } from './__entityFile__.input';

/**
 * The fields create and update take as sent. `districtId` and `partnerId` are keys of other subgraphs'
 * records, checked by `assertForeignReferences` before anything is written; a reference to a record of
 * this subgraph is loaded instead, with `findReferenced(em, Entity, 'label', input.xId, 'input.xId')`
 * (BAD_USER_INPUT when missing or archived).
 */
const __ENTITY___FIELDS = ['name', 'districtId', 'partnerId'] as const;

/**
 * The references the input sends into other subgraphs, asked of their owners (`ctx.references`, one
 * call per type) before anything is written, for a record owned by `ownerId`: an unknown or archived
 * district or partner is BAD_USER_INPUT naming the field; one of another publisher is FORBIDDEN unless
 * it grants references to `ownerId` (docs/security.md) — except Germany's reference districts. A
 * reference field you add gets a line here.
 */
async function assertForeignReferences(
  ctx: __Name__Context,
  input: { districtId?: string; partnerId?: string | null },
  ownerId: string,
): Promise<void> {
  const targets: ReferenceTarget[] = [];
  if (input.districtId !== undefined) {
    const state = await ctx.references.state('District', input.districtId);
    const layer = state !== null && !state.archived && state.ownerId === REFERENCE_LAYER_OWNER;
    if (!layer) targets.push({ type: 'District', id: input.districtId, label: 'district', field: 'input.districtId' });
  }
  if (input.partnerId) targets.push({ type: 'Partner', id: input.partnerId, label: 'partner', field: 'input.partnerId' });
  await assertReferences(ctx, targets, ownerId);
}

@Resolver(() => __Entity__)
export class __Entity__Mutations {
  @Mutation(() => __Entity__, {
    description: 'Publishes a new __entityWords__ (editors for their own organisation, admins for any).',
  })
  async create__Entity__(
    @Arg('input', () => Create__Entity__Input) input: Create__Entity__Input,
    @Ctx() ctx: __Name__Context,
  ): Promise<__Entity__> {
    // Anonymous callers hear UNAUTHENTICATED whatever they sent, before anything is looked up.
    const { id, ownerId, source } = newRecordBasics(ctx.caller, input);
    // Who may write comes first: a caller who may not is refused before anything is asked.
    assertCanWrite(ctx.caller, ownerId);
    await assertForeignReferences(ctx, input, ownerId);
    return createRecord(ctx, '__Entity__', ownerId, (em) =>
      em.create(__Entity__, { ...pickFields(input, __ENTITY___FIELDS), id, ownerId, source }),
    );
  }

  @Mutation(() => __Entity__, {
    description: 'Changes a __entityWords__ if `version` is still current (editors of its owner, admins).',
  })
  update__Entity__(
    @Arg('input', () => Update__Entity__Input) input: Update__Entity__Input,
    @Ctx() ctx: __Name__Context,
  ): Promise<__Entity__> {
    return updateRecord(ctx, __Entity__, '__Entity__', input.id, input.version, async (record) => {
      await assertForeignReferences(ctx, input, record.ownerId);
      applyChanges(record, { ...pickFields(input, __ENTITY___FIELDS), source: provenanceOf(input.source) });
    });
  }

  @Mutation(() => __Entity__, {
    description: 'Archives a __entityWords__: it leaves every list and keeps its history.',
  })
  archive__Entity__(
    @Arg('version', () => Int) version: number,
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: __Name__Context,
  ): Promise<__Entity__> {
    return archiveRecord(ctx, __Entity__, '__Entity__', id, version);
  }
}
