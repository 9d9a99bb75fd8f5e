import { type Page, PageArgs } from '@jobcenter-hub/subgraph';
import { Arg, Args, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { ProgrammesContext } from '../../context';
import { readYear } from '../participation/participation.checks';
import { ProgrammeListArgs } from '../programme/programme.args';
import type { Programme } from '../programme/programme.entity';
import { pageOfProgrammes, ProgrammeConnection } from '../programme/programme.types';
import { OrganisationStub } from './organisation.stub';

@Resolver(() => OrganisationStub)
export class OrganisationProgrammesResolver {
  @FieldResolver(() => ProgrammeConnection, {
    nullable: true,
    description: 'Programmes this organisation operates, ordered by name, optionally of one kind.',
  })
  programmes(
    @Root() organisation: OrganisationStub,
    @Args(() => PageArgs) page: PageArgs,
    @Args(() => ProgrammeListArgs) args: ProgrammeListArgs,
    @Ctx() ctx: ProgrammesContext,
  ): Promise<Page<Programme>> {
    return pageOfProgrammes(page, () => ctx.loaders.programmesByOperator.load(organisation.id), args.kind);
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description:
      'People who took part in its programmes in that year: per programme the all-venues figure, else the sum of its venue figures; ' +
      'null when none of its programmes has a figure for the year.',
  })
  participants(
    @Root() organisation: OrganisationStub,
    @Arg('year', () => Int) year: number,
    @Ctx() ctx: ProgrammesContext,
  ): Promise<number | null> {
    return ctx.loaders.participantsByOperator.load({ operatorId: organisation.id, year: readYear(year)! });
  }
}

/** `_entities` for Organisation: the key is all this subgraph needs. */
export const resolveOrganisationReference = (reference: { id: string }): OrganisationStub => ({ id: reference.id });
