import { cacheHint, createConnectionType, Provenance } from '@jobcenter-hub/subgraph';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { District } from './district.entity';

export const DistrictConnection = createConnectionType('District', District);

@Directive(cacheHint.part)
@ObjectType({ description: 'A population figure of a district: how many inhabitants on which date, and whose count it is.' })
export class PopulationFigure {
  @Field(() => Int)
  count!: number;

  @Field(() => Int, { description: 'The year of `date`.' })
  year!: number;

  @Field(() => String, { description: 'The reference date (YYYY-MM-DD), e.g. 2022-05-15 for the Zensus 2022.' })
  date!: string;

  @Field(() => Provenance, { description: 'PUBLIC_RECORD with the citation and licence (Destatis, dl-de/by-2-0).' })
  source!: Provenance;
}
