import { CreateInputBase, ID_PATTERN, IfSent, UpdateInputBase } from '@jobcenter-hub/subgraph';
import { IsOptional, Length, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

// Ids of other subgraphs' records: their shape here; whether they exist, are live and may be referenced, by
// the subgraphs that own them, before anything is written (`assertForeignReferences` in the mutation).
const districtIdMessage = 'districtId must be a district id';
const partnerIdMessage = 'partnerId must be a partner id';

@InputType({ description: 'A new __entityWords__.' })
export class Create__Entity__Input extends CreateInputBase {
  @Field(() => String)
  @Length(1, 200)
  name!: string;

  @Field(() => ID, { description: 'The district (of the locations subgraph) it belongs to.' })
  @Matches(ID_PATTERN, { message: districtIdMessage })
  districtId!: string;

  @Field(() => ID, { nullable: true, description: 'The partner (of the partners subgraph) that offers it, if any.' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: partnerIdMessage })
  partnerId?: string;
}

@InputType({ description: 'Changes to a __entityWords__; fields left out stay as they are, null clears (where a field can be empty).' })
export class Update__Entity__Input extends UpdateInputBase {
  @Field(() => String, { nullable: true })
  @IfSent()
  @Length(1, 200)
  name?: string;

  @Field(() => ID, { nullable: true })
  @IfSent()
  @Matches(ID_PATTERN, { message: districtIdMessage })
  districtId?: string;

  @Field(() => ID, { nullable: true, description: 'null: no partner offers it.' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: partnerIdMessage })
  partnerId?: string | null;
}
