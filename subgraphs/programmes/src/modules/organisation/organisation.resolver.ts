import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ProgrammesContext } from '../../context';
import { Programme } from '../programme/programme.entity';
import { OrganisationStub } from './organisation.stub';

@Resolver(() => OrganisationStub)
export class OrganisationResolver {
  @FieldResolver(() => [Programme], { description: 'Programmes this organisation operates, ordered by name.' })
  programmes(@Root() organisation: OrganisationStub, @Ctx() ctx: ProgrammesContext): Promise<Programme[]> {
    return ctx.loaders.programmesByOperator.load(organisation.id);
  }
}

/** `_entities` for Organisation: the key is all this subgraph needs. */
export const resolveOrganisationReference = (reference: { id: string }): OrganisationStub => ({ id: reference.id });
