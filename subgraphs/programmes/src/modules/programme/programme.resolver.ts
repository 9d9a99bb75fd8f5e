import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { ProgrammesContext } from '../../context';
import { LocationStub } from '../location/location.stub';
import { OrganisationStub } from '../organisation/organisation.stub';
import { PartnerStub } from '../partner/partner.stub';
import { Programme, ProgrammeKind } from './programme.entity';

@Resolver(() => Programme)
export class ProgrammeResolver {
  @Query(() => Programme, { nullable: true, description: 'One programme by id; null when there is none.' })
  programme(@Arg('id', () => ID) id: string, @Ctx() ctx: ProgrammesContext): Promise<Programme | null> {
    return ctx.loaders.programme.load(id);
  }

  @Query(() => [Programme], { description: 'Programmes ordered by name, optionally of one kind or one operator.' })
  programmes(
    @Arg('kind', () => ProgrammeKind, { nullable: true }) kind: ProgrammeKind | undefined,
    @Arg('operatorId', () => ID, { nullable: true }) operatorId: string | undefined,
    @Ctx() ctx: ProgrammesContext,
  ): Promise<Programme[]> {
    return ctx.em.find(
      Programme,
      { archivedAt: null, ...(kind ? { kind } : {}), ...(operatorId ? { operatorId } : {}) },
      { orderBy: { name: 'asc', id: 'asc' } },
    );
  }

  // The three fields below only hand out keys: the gateway fetches the rest from the owning subgraphs.
  @FieldResolver(() => OrganisationStub, { description: 'The organisation that runs the programme.' })
  operator(@Root() programme: Programme): OrganisationStub {
    return { id: programme.operatorId };
  }

  @FieldResolver(() => [LocationStub], { description: 'Where the programme takes place.' })
  venues(@Root() programme: Programme): LocationStub[] {
    return programme.venueIds.map((id) => ({ id }));
  }

  @FieldResolver(() => [PartnerStub], { description: 'Local partners involved in the programme.' })
  partners(@Root() programme: Programme): PartnerStub[] {
    return programme.partnerIds.map((id) => ({ id }));
  }
}

/** `_entities` for Programme: batched through the request's loader. */
export const resolveProgrammeReference = (reference: { id: string }, ctx: ProgrammesContext) =>
  ctx.loaders.programme.load(reference.id);
