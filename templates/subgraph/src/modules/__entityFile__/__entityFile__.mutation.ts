import {
  applyChanges,
  archiveRecord,
  createRecord,
  newRecordBasics,
  pickFields,
  provenanceOf,
  updateRecord,
} from '@jobcenter-hub/subgraph';
import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { __Name__Context } from '../../context';
import { __Entity__ } from './__entityFile__.entity';
import { Create__Entity__Input, Update__Entity__Input } from './__entityFile__.input';

/**
 * The fields create and update take as sent. `districtId` and `partnerId` are keys of other subgraphs'
 * records, stored as sent; a reference to a record of this subgraph is loaded instead, with
 * `findReferenced(em, Entity, 'label', input.xId, 'input.xId')` (BAD_USER_INPUT when missing or archived).
 */
const __ENTITY___FIELDS = ['name', 'districtId', 'partnerId'] as const;

@Resolver(() => __Entity__)
export class __Entity__Mutations {
  @Mutation(() => __Entity__, {
    description: 'Publishes a new __entityWords__ (editors for their own organisation, admins for any).',
  })
  create__Entity__(
    @Arg('input', () => Create__Entity__Input) input: Create__Entity__Input,
    @Ctx() ctx: __Name__Context,
  ): Promise<__Entity__> {
    // Anonymous callers hear UNAUTHENTICATED whatever they sent, before anything is looked up.
    const { id, ownerId, source } = newRecordBasics(ctx.caller, input);
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
    return updateRecord(ctx, __Entity__, '__Entity__', input.id, input.version, (record) => {
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
