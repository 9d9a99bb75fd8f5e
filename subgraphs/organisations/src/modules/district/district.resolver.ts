import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import type { OrganisationsContext } from '../../context';
import { Organisation } from '../organisation/organisation.entity';
import { DistrictStub } from './district.stub';

@Resolver(() => DistrictStub)
export class DistrictJobcenterResolver {
  @FieldResolver(() => Organisation, {
    nullable: true,
    description:
      'The Jobcenter responsible for this Kreis or Gemeinde, from the areas the hub administrators set (Organisation.municipalityKeys): one that lists its key, else one that lists the Kreis it lies in, else one that lists another Gemeinde of its Kreis (Jobcenter areas follow the Kreise). Null when no Jobcenter in the hub covers its Kreis, and for Länder and Regierungsbezirke.',
  })
  @Directive('@requires(fields: "officialKey")')
  jobcenter(@Root() district: DistrictStub, @Ctx() ctx: OrganisationsContext): Promise<Organisation | null> | null {
    return district.officialKey ? ctx.loaders.jobcenterByKey.load(district.officialKey) : null;
  }
}

/** The organisations subgraph only extends District: a reference is its key and, when asked for `jobcenter`, its official key. */
export const resolveDistrictReference = (reference: { id: string; officialKey?: string | null }): DistrictStub => ({
  id: reference.id,
  officialKey: reference.officialKey ?? null,
});
