import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { LocationsContext } from '../../context';
import { District } from '../district/district.entity';
import { Location } from '../location/location.entity';
import { ServiceArea } from './service-area.entity';

@Resolver(() => ServiceArea)
export class ServiceAreaResolver {
  @FieldResolver(() => District)
  async district(@Root() area: ServiceArea, @Ctx() ctx: LocationsContext): Promise<District> {
    return (await ctx.loaders.district.load(area.district.id)) as District;
  }

  @FieldResolver(() => Location)
  async location(@Root() area: ServiceArea, @Ctx() ctx: LocationsContext): Promise<Location> {
    return (await ctx.loaders.location.load(area.location.id)) as Location;
  }
}
