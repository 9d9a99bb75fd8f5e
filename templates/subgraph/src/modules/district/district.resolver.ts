import { type Page, PageArgs, paginateArray, readPageArgs } from '@jobcenter-hub/subgraph';
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { __Name__Context } from '../../context';
import type { __Entity__ } from '../__entityFile__/__entityFile__.entity';
import { __Entity__Connection } from '../__entityFile__/__entityFile__.types';
import { DistrictStub } from './district.stub';

@Resolver(() => DistrictStub)
export class District__Name__Resolver {
  @FieldResolver(() => __Entity__Connection, {
    // Nullable, as every field a subgraph adds to another subgraph's entity: while this subgraph is down,
    // the gateway answers null here and keeps the rest of the object (a non-null field would null it).
    nullable: true,
    description: 'The __entitiesWords__ of the district, ordered by name (from the __name__ subgraph).',
  })
  async __entities__(
    @Root() district: DistrictStub,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: __Name__Context,
  ): Promise<Page<__Entity__>> {
    readPageArgs(page, 2); // before the first statement
    const records = await ctx.loaders.__entities__ByDistrict.load(district.id);
    return paginateArray(records, page, (record) => [record.name, record.id]);
  }
}

/** This subgraph only extends District: a reference is its own key. */
export const resolveDistrictReference = (reference: { id: string }): DistrictStub => ({ id: reference.id });
