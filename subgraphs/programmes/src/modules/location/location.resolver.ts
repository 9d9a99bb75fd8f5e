import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ProgrammesContext } from '../../context';
import { Programme, ProgrammeKind } from '../programme/programme.entity';
import { LocationStub } from './location.stub';

@Resolver(() => LocationStub)
export class LocationResolver {
  @FieldResolver(() => [Programme], { description: 'Programmes offered at this location, ordered by name, optionally of one kind.' })
  async programmes(
    @Root() location: LocationStub,
    @Arg('kind', () => ProgrammeKind, { nullable: true }) kind: ProgrammeKind | undefined,
    @Ctx() ctx: ProgrammesContext,
  ): Promise<Programme[]> {
    const programmes = await ctx.loaders.programmesByVenue.load(location.id);
    return kind ? programmes.filter((programme) => programme.kind === kind) : programmes;
  }
}

/** `_entities` for Location: the key is all this subgraph needs; whether the location exists is not its business. */
export const resolveLocationReference = (reference: { id: string }): LocationStub => ({ id: reference.id });
