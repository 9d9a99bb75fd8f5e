import { cacheHint, Provenance } from '@jobcenter-hub/subgraph';
import { Directive, Field, Float, Int, ObjectType } from 'type-graphql';
import { District } from '../district/district.entity';
import { Location } from '../location/location.entity';
import { ResponsibilityMatch } from '../location/location.types';

@Directive(cacheHint.part)
@ObjectType({
  description:
    'One Gemeinde the place asked about lies in, its Kreis, and who is responsible there. The responsible Jobcenter is `municipality.jobcenter` (from Organisation.municipalityKeys, set by the hub administrators), its sites `municipality.jobcenter.locations`.',
})
export class ResponsiblePlace {
  @Field(() => District, { description: 'The Gemeinde (or unincorporated area).' })
  municipality!: District;

  @Field(() => District, {
    nullable: true,
    description: 'Its Kreis or kreisfreie Stadt: Jobcenter areas follow them, so its Jobcenter is, to a first answer, the one responsible.',
  })
  kreis!: District | null;

  @Field(() => District, { nullable: true, description: 'Its Land.' })
  state!: District | null;

  @Field(() => ResponsibilityMatch, {
    description: 'How the place was found; NEAREST_DISTRICT_CENTRE: the Gemeinde whose centre is nearest the point (approximate).',
  })
  matchedBy!: ResponsibilityMatch;

  @Field(() => Boolean, { description: 'True for a point: boundaries are not modelled, the Gemeinde with the nearest centre is taken.' })
  approximate!: boolean;

  @Field(() => Float, { nullable: true, description: 'For a point: the distance to the Gemeinde centre in kilometres.' })
  distanceKm!: number | null;

  @Field(() => String, { nullable: true, description: 'The postcode asked about, when asked by postcode.' })
  postcode!: string | null;

  @Field(() => Int, {
    description:
      'How many Gemeinden the postcode asked about touches (1 when asked otherwise); above 1, each is one answer and this is one of them.',
  })
  municipalitiesOfPostcode!: number;

  @Field(() => Boolean, { description: 'True when the postcode asked about lies in more than one Gemeinde: this answer is one of them.' })
  postcodeSpansSeveral!: boolean;

  @Field(() => String, { nullable: true, description: 'The place name OpenStreetMap gives the postcode in this Gemeinde.' })
  placeName!: string | null;

  @Field(() => [Location], {
    description:
      'The sites whose service areas cover this place (for a postcode: areas of this Gemeinde or its city districts that list the postcode or cover the whole district). Empty: no site for it is published in the hub.',
  })
  sites!: Location[];

  @Field(() => Boolean, { description: 'Whether the hub has a site serving this place (`sites` is not empty).' })
  hasSitesInHub!: boolean;

  @Field(() => String, {
    description:
      'The answer in one or two sentences: the Gemeinde, its Kreis, which Kreis’s Jobcenter is responsible, and whether it has sites in the hub.',
  })
  explanation!: string;

  @Field(() => Provenance, {
    description:
      'Where the answer comes from: the municipality register (© Statistisches Bundesamt (Destatis), dl-de/by-2-0) and, for a postcode, OpenStreetMap (© OpenStreetMap contributors, ODbL).',
  })
  source!: Provenance;
}
