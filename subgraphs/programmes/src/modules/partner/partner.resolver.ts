import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ProgrammesContext } from '../../context';
import { Programme } from '../programme/programme.entity';
import { PartnerStub } from './partner.stub';

@Resolver(() => PartnerStub)
export class PartnerResolver {
  @FieldResolver(() => [Programme], { description: 'Programmes this partner takes part in, ordered by name.' })
  programmes(@Root() partner: PartnerStub, @Ctx() ctx: ProgrammesContext): Promise<Programme[]> {
    return ctx.loaders.programmesByPartner.load(partner.id);
  }
}

/** `_entities` for Partner: the key is all this subgraph needs. */
export const resolvePartnerReference = (reference: { id: string }): PartnerStub => ({ id: reference.id });
