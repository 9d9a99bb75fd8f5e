import { type Page, PageArgs, Grants } from '@jobcenter-hub/subgraph';
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
    description:
      "Programmes this organisation operates, ordered by name, optionally of one kind. A programme of another publisher than the organisation's own shows only while the organisation's owner grants it references.",
  })
  programmes(
    @Root() organisation: OrganisationStub,
    @Args(() => PageArgs) page: PageArgs,
    @Args(() => ProgrammeListArgs) args: ProgrammeListArgs,
    @Ctx() ctx: ProgrammesContext,
  ): Promise<Page<Programme>> {
    return pageOfProgrammes(page, async () => ctx.loaders.programmesByOperator(await Grants.of(ctx)).load(organisation.id), args.kind);
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description:
      'People who took part in its programmes in that year: per programme the all-venues figure, else the sum of its venue figures; ' +
      'null when none of its programmes has a figure for the year.',
  })
  async participants(
    @Root() organisation: OrganisationStub,
    @Arg('year', () => Int) year: number,
    @Ctx() ctx: ProgrammesContext,
  ): Promise<number | null> {
    const checked = readYear(year)!;
    return ctx.loaders.participantsByOperator(await Grants.of(ctx)).load({ operatorId: organisation.id, year: checked });
  }
}

/** `_entities` for Organisation: the key is all this subgraph needs. */
export const resolveOrganisationReference = (reference: { id: string }): OrganisationStub => ({ id: reference.id });
