import { GraphQLDateTimeISO } from 'graphql-scalars';
import { ArgsType, Field, Float, ID } from 'type-graphql';
import { MAX_RADIUS_KM } from './location.checks';
import { LocationKind, TransportMode } from './location.entity';

/** How this subgraph's `search` arguments are described (its wording predates the shared SEARCH_DESCRIPTION). */
export const NAME_SEARCH = 'Part of the name; ignores case, umlauts and ß spelling.';

// Fields are printed in the order declared here; `first`/`after` (the shared `PageArgs`) follow them.

/** The filter of `District.locations` and `Organisation.locations`. */
@ArgsType()
export class LocationListArgs {
  @Field(() => LocationKind, { nullable: true })
  kind?: LocationKind;
}

/** The filters of the root `locations` list. */
@ArgsType()
export class LocationsArgs {
  @Field(() => ID, { nullable: true, description: 'A district, or a city: then its city districts too.' })
  districtId?: string;

  @Field(() => ID, { nullable: true })
  organisationId?: string;

  @Field(() => LocationKind, { nullable: true })
  kind?: LocationKind;

  @Field(() => Boolean, { nullable: true })
  openNow?: boolean;

  @Field(() => String, { nullable: true, description: NAME_SEARCH })
  search?: string;
}

/** The point, radius and filters of `locationsNear`. */
@ArgsType()
export class LocationsNearArgs {
  @Field(() => Float)
  latitude!: number;

  @Field(() => Float)
  longitude!: number;

  @Field(() => Float, { description: `Greater than 0, at most ${MAX_RADIUS_KM}.` })
  radiusKm!: number;

  @Field(() => LocationKind, { nullable: true })
  kind?: LocationKind;

  @Field(() => GraphQLDateTimeISO, { nullable: true, description: 'Only sites open at this instant.' })
  openAt?: Date;
}

/** The place `responsibleLocations` asks about: exactly one of them (latitude and longitude together). */
@ArgsType()
export class ResponsibleLocationsArgs {
  @Field(() => String, { nullable: true })
  postcode?: string;

  @Field(() => String, { nullable: true })
  municipalityKey?: string;

  @Field(() => ID, { nullable: true })
  districtId?: string;

  @Field(() => Float, { nullable: true })
  latitude?: number;

  @Field(() => Float, { nullable: true })
  longitude?: number;
}

/** The filter of `Location.transportStops`. */
@ArgsType()
export class TransportStopsArgs {
  @Field(() => TransportMode, { nullable: true })
  mode?: TransportMode;
}
