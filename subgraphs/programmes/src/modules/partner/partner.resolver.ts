import { type Page, PageArgs, Grants } from '@jobcenter-hub/subgraph';
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ProgrammesContext } from '../../context';
import type { Programme } from '../programme/programme.entity';
import { pageOfProgrammes, ProgrammeConnection } from '../programme/programme.types';
import { PartnerStub } from './partner.stub';

@Resolver(() => PartnerStub)
export class PartnerProgrammesResolver {
  @FieldResolver(() => ProgrammeConnection, {
    nullable: true,
    description:
      "Programmes this partner takes part in, ordered by name. A programme of another publisher than the partner's shows only while the partner's owner grants it references.",
  })
  programmes(@Root() partner: PartnerStub, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: ProgrammesContext): Promise<Page<Programme>> {
    return pageOfProgrammes(page, async () => ctx.loaders.programmesByPartner(await Grants.of(ctx)).load(partner.id));
  }
}

/** `_entities` for Partner: the key is all this subgraph needs. */
export const resolvePartnerReference = (reference: { id: string }): PartnerStub => ({ id: reference.id });
