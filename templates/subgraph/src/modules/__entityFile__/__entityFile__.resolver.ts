import { type Page, PageArgs, paginateQuery, readId, readPageArgs } from '@jobcenter-hub/subgraph';
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { __Name__Context } from '../../context';
import { DistrictStub } from '../district/district.stub';
import { PartnerStub } from '../partner/partner.stub';
import { __Entities__Args } from './__entityFile__.args';
import { __Entity__ } from './__entityFile__.entity';
import { __Entity__Connection } from './__entityFile__.types';

@Resolver(() => __Entity__)
export class __Entity__Resolver {
  @Query(() => __Entity__, {
    nullable: true,
    description: 'One __entityWords__ by id; null when there is none.',
  })
  __entity__(@Arg('id', () => ID) id: string, @Ctx() ctx: __Name__Context): Promise<__Entity__ | null> {
    return ctx.loaders.__entity__.load(id);
  }

  @Query(() => __Entity__Connection, {
    description: 'The __entitiesWords__, ordered by name, optionally of one district.',
  })
  __entities__(
    // type-graphql 2.0.0-rc.4 prints arguments in reverse parameter order: filters first, then first/after.
    @Args(() => PageArgs) page: PageArgs,
    @Args(() => __Entities__Args) args: __Entities__Args,
    @Ctx() ctx: __Name__Context,
  ): Promise<Page<__Entity__>> {
    // Every argument is checked before the first statement.
    readPageArgs(page, 2);
    const districtId = readId('districtId', args.districtId);
    // Archived records are left out by the ORM's `live` filter.
    return paginateQuery(ctx.em, __Entity__, districtId ? { districtId } : {}, page);
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
export function resolve__Entity__Reference(reference: { id: string }, ctx: __Name__Context): Promise<__Entity__ | null> {
  return ctx.loaders.__entity__.load(reference.id);
}
