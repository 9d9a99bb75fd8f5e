import { createConnectionType, type Page, PageArgs, paginateQuery } from '@jobcenter-hub/subgraph';
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { __Name__Context } from '../../context';
import { DistrictStub } from '../district/district.stub';
import { PartnerStub } from '../partner/partner.stub';
import { __Entity__ } from './__entityFile__.entity';

export const __Entity__Connection = createConnectionType('__Entity__', __Entity__);

@Resolver(() => __Entity__)
export class __Entity__Resolver {
  @Query(() => __Entity__, { nullable: true, description: 'One __entityWords__ by id; null when there is none.' })
  __entity__(@Arg('id', () => ID) id: string, @Ctx() ctx: __Name__Context): Promise<__Entity__ | null> {
    return ctx.loaders.__entity__.load(id);
  }

  @Query(() => __Entity__Connection, { description: 'The __entitiesWords__, ordered by name, optionally of one district.' })
  __entities__(
    // type-graphql 2.0.0-rc.4 prints arguments in reverse parameter order: filters first, then first/after.
    @Args(() => PageArgs) page: PageArgs,
    @Arg('districtId', () => ID, { nullable: true }) districtId: string | undefined,
    @Ctx() ctx: __Name__Context,
  ): Promise<Page<__Entity__>> {
    return paginateQuery(ctx.em, __Entity__, { archivedAt: null, ...(districtId ? { districtId } : {}) }, page);
  }

  @FieldResolver(() => DistrictStub, { description: 'The district; its other fields come from the locations subgraph.' })
  district(@Root() record: __Entity__): DistrictStub {
    // A reference is its key: the gateway fetches the rest from the subgraph that owns District.
    return { id: record.districtId };
  }

  @FieldResolver(() => PartnerStub, { nullable: true, description: 'The partner that offers it, if any; from the partners subgraph.' })
  partner(@Root() record: __Entity__): PartnerStub | null {
    return record.partnerId ? { id: record.partnerId } : null;
  }
}

/** `_entities` for __Entity__: batched through the request's loader. */
export const resolve__Entity__Reference = (reference: { id: string }, ctx: __Name__Context) => ctx.loaders.__entity__.load(reference.id);
