import { FieldResolver, Resolver, Root } from 'type-graphql';
import { LocationStub } from '../location/location.stub';
import { Participation } from './participation.entity';

@Resolver(() => Participation)
export class ParticipationResolver {
  @FieldResolver(() => LocationStub, { nullable: true, description: 'The venue the figure is for; null: all venues of the programme together.' })
  venue(@Root() figure: Participation): LocationStub | null {
    return figure.venueId ? { id: figure.venueId } : null;
  }
}
