import { ArgsType, Field, ID } from 'type-graphql';
import { ProgrammeKind } from './programme.entity';

/** The filter of the nested programme lists (`Location.programmes`, `Organisation.programmes`). */
@ArgsType()
export class ProgrammeListArgs {
  @Field(() => ProgrammeKind, { nullable: true })
  kind?: ProgrammeKind;
}

/** The filters of the root `programmes` list (`first`/`after` come as the shared `PageArgs`). */
@ArgsType()
export class ProgrammesArgs extends ProgrammeListArgs {
  @Field(() => ID, { nullable: true, description: 'Only programmes this organisation runs.' })
  operatorId?: string;

  @Field(() => ID, { nullable: true, description: 'Only programmes that take place at this location.' })
  venueId?: string;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'true: only programmes with an upcoming intake that has a free place (at `venueId`, when given); false: only those without.',
  })
  hasFreePlaces?: boolean;

  // Not SEARCH_DESCRIPTION: this subgraph's published schema words it so.
  @Field(() => String, { nullable: true, description: 'Part of the name; ignores case, umlauts and ß spelling.' })
  search?: string;
}
