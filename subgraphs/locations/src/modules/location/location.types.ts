import { cacheHint, createConnectionType } from '@jobcenter-hub/subgraph';
import { Directive, Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { District } from '../district/district.entity';
import { ServiceArea } from '../service-area/service-area.entity';
import { Location } from './location.entity';

export const LocationConnection = createConnectionType('Location', Location);

@Directive(cacheHint.part)
@ObjectType({ description: 'A site and how far it is from the point asked about.' })
export class NearbyLocation {
  @Field(() => Location)
  location!: Location;

  @Field(() => Float, { description: 'Great-circle distance in kilometres.' })
  distanceKm!: number;
}
export const NearbyLocationConnection = createConnectionType('NearbyLocation', NearbyLocation);

export enum ResponsibilityMatch {
  POSTCODE = 'POSTCODE',
  MUNICIPALITY = 'MUNICIPALITY',
  DISTRICT = 'DISTRICT',
  /** The point was assigned to the nearest district centre: district boundaries are not modelled. */
  NEAREST_DISTRICT_CENTRE = 'NEAREST_DISTRICT_CENTRE',
}
registerEnumType(ResponsibilityMatch, { name: 'ResponsibilityMatch' });

@Directive(cacheHint.part)
@ObjectType({ description: 'A site responsible for the place asked about, and why.' })
export class Responsibility {
  /** The service area behind the answer; its fields are resolved below. */
  area!: ServiceArea;

  @Field(() => ResponsibilityMatch)
  matchedBy!: ResponsibilityMatch;

  @Field(() => Location)
  location!: Location;

  @Field(() => District)
  district!: District;

  @Field(() => [String], { description: 'Postcodes of the service area; empty when it covers the whole district.' })
  postcodes!: string[];
}
export const ResponsibilityConnection = createConnectionType('Responsibility', Responsibility);
