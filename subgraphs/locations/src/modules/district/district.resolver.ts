import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { LocationsContext } from '../../context';
import { Location } from '../location/location.entity';
import { District, DistrictKind } from './district.entity';

@Resolver(() => District)
export class DistrictResolver {
  @Query(() => District, { nullable: true, description: 'One district by id; null when there is none.' })
  district(@Arg('id', () => ID) id: string, @Ctx() ctx: LocationsContext): Promise<District | null> {
    return ctx.loaders.district.load(id);
  }

  @Query(() => [District], { description: 'Districts ordered by name, optionally of one kind or within one parent.' })
  districts(
    @Arg('kind', () => DistrictKind, { nullable: true }) kind: DistrictKind | undefined,
    @Arg('parentId', () => ID, { nullable: true }) parentId: string | undefined,
    @Ctx() ctx: LocationsContext,
  ): Promise<District[]> {
    return ctx.em.find(
      District,
      { archivedAt: null, ...(kind ? { kind } : {}), ...(parentId ? { parent: parentId } : {}) },
      { orderBy: { name: 'asc', id: 'asc' } },
    );
  }

  @FieldResolver(() => District, { nullable: true, description: 'The city a city district belongs to.' })
  parent(@Root() district: District, @Ctx() ctx: LocationsContext): Promise<District | null> | null {
    return district.parent ? ctx.loaders.district.load(district.parent.id) : null;
  }

  @FieldResolver(() => [District], { description: 'The city districts of a city.' })
  children(@Root() district: District, @Ctx() ctx: LocationsContext): Promise<District[]> {
    return ctx.loaders.districtsByParent.load(district.id);
  }

  @FieldResolver(() => [Location], { description: 'The sites in this district.' })
  locations(@Root() district: District, @Ctx() ctx: LocationsContext): Promise<Location[]> {
    return ctx.loaders.locationsByDistrict.load(district.id);
  }
}

/** `_entities` for District: batched through the request's loader. */
export const resolveDistrictReference = (reference: { id: string }, ctx: LocationsContext) =>
  ctx.loaders.district.load(reference.id);
