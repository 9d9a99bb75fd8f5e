import { wrap } from '@mikro-orm/core';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ProgrammesContext } from '../../context';
import { LocationStub } from '../location/location.stub';
import { Programme } from '../programme/programme.entity';
import { Participation } from './participation.entity';

@Resolver(() => Participation)
export class ParticipationResolver {
  @FieldResolver(() => LocationStub, {
    nullable: true,
    description: 'The venue the figure is for; null: all venues of the programme together.',
  })
  venue(@Root() figure: Participation): LocationStub | null {
    return figure.venueId ? { id: figure.venueId } : null;
  }

  @FieldResolver(() => Programme, { description: 'The programme the figure is for.' })
  async programme(@Root() figure: Participation, @Ctx() ctx: ProgrammesContext): Promise<Programme> {
    if (wrap(figure.programme).isInitialized()) return figure.programme;
    return (await ctx.loaders.programme.load(figure.programme.id)) ?? figure.programme;
  }
}
