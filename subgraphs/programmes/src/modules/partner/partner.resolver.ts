import { type Page, PageArgs } from '@jobcenter-hub/subgraph';
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ProgrammesContext } from '../../context';
import type { Programme } from '../programme/programme.entity';
import { pageOfProgrammes, ProgrammeConnection } from '../programme/programme.types';
import { PartnerStub } from './partner.stub';

@Resolver(() => PartnerStub)
export class PartnerProgrammesResolver {
  @FieldResolver(() => ProgrammeConnection, { nullable: true, description: 'Programmes this partner takes part in, ordered by name.' })
  programmes(@Root() partner: PartnerStub, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: ProgrammesContext): Promise<Page<Programme>> {
    return pageOfProgrammes(page, () => ctx.loaders.programmesByPartner.load(partner.id));
  }
}

/** `_entities` for Partner: the key is all this subgraph needs. */
export const resolvePartnerReference = (reference: { id: string }): PartnerStub => ({ id: reference.id });
