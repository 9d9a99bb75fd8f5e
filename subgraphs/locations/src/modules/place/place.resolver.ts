import type { Page } from '@jobcenter-hub/subgraph';
import { type GraphQLResolveInfo, Kind } from 'graphql';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { LocationsContext } from '../../context';
import type { ResponsibilitySelector } from '../location/location.queries';
import { type Responsibility, ResponsibilityConnection } from '../location/location.types';
import { findPlaces } from './place.queries';
import { ResponsiblePlace } from './place.types';

/** What `responsibleLocations` returns: the page of service areas and the place asked about. */
export type ResponsibilityAnswer = Page<Responsibility> & { place?: ResponsibilitySelector };

/** `ResponsibilityConnection.places`: the reference layer's answer for the place, asked only when selected. */
@Resolver(() => ResponsibilityConnection)
export class ResponsibilityPlacesResolver {
  @FieldResolver(() => [ResponsiblePlace], {
    description:
      'Every Gemeinde the place lies in (a postcode can touch several: each is one entry, marked), its Kreis, and who is responsible: answered for every German postcode and AGS, also where no site is published (then `hasSitesInHub` is false and `explanation` says which Kreis’s Jobcenter is responsible). A point takes the Gemeinde with the nearest centre and says so. Empty only for a postcode or key the reference layer does not have, a point more than 25 km from every Gemeinde centre, and a districtId above the Gemeinden (a Kreis, a Land).',
  })
  places(@Root() answer: ResponsibilityAnswer, @Ctx() ctx: LocationsContext): Promise<ResponsiblePlace[]> | ResponsiblePlace[] {
    return answer.place ? findPlaces(ctx, answer.place) : [];
  }
}

/**
 * Whether a `responsibleLocations` selection asks for `places` alone (and `__typename`): then the
 * service areas (`nodes`, `totalCount`, `pageInfo`) need not be looked up. Fragments count as asking for more.
 */
export function asksOnlyPlaces(info: GraphQLResolveInfo): boolean {
  return info.fieldNodes.every((node) =>
    (node.selectionSet?.selections ?? []).every(
      (selection) => selection.kind === Kind.FIELD && (selection.name.value === 'places' || selection.name.value === '__typename'),
    ),
  );
}
