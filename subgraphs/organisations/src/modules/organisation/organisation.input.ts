import { CreateInputBase, ID_PATTERN, UpdateInputBase } from '@jobcenter-hub/subgraph';
import { ArrayMaxSize, IsOptional, Length, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { JobcenterModel, OrganisationKind } from './organisation.entity';

const AGS = /^\d{8}$/;

@InputType({ description: 'A new organisation.' })
export class CreateOrganisationInput extends CreateInputBase {
  @Field(() => String)
  @Length(1, 200)
  name!: string;

  @Field(() => OrganisationKind)
  kind!: OrganisationKind;

  @Field(() => JobcenterModel, { nullable: true })
  @IsOptional()
  jobcenterModel?: JobcenterModel;

  @Field(() => [String], { nullable: true, description: 'Official municipality keys (AGS, 8 digits).' })
  @IsOptional()
  @ArrayMaxSize(500)
  @Matches(AGS, { each: true, message: 'municipalityKeys must be official municipality keys of 8 digits' })
  municipalityKeys?: string[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  managingDirector?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'parentId must be an organisation id' })
  parentId?: string;
}

@InputType({ description: 'Changes to an organisation; fields left out stay as they are, null clears.' })
export class UpdateOrganisationInput extends UpdateInputBase {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  name?: string;

  @Field(() => JobcenterModel, { nullable: true })
  @IsOptional()
  jobcenterModel?: JobcenterModel | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(500)
  @Matches(AGS, { each: true, message: 'municipalityKeys must be official municipality keys of 8 digits' })
  municipalityKeys?: string[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  managingDirector?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'parentId must be an organisation id' })
  parentId?: string | null;
}
