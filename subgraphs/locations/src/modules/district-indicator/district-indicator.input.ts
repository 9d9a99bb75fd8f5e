import { CreateInputBase, ID_PATTERN, IfSent, SourceInput, UpdateInputBase } from '@jobcenter-hub/subgraph';
import { IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { IsAtMost } from '../../validation';

@InputType({ description: "A district's population and benefit figures for one year; one per district and year." })
export class CreateDistrictIndicatorInput extends CreateInputBase {
  @Field(() => ID, { description: "The district the figures describe; they take the district's owner." })
  @Matches(ID_PATTERN, { message: 'districtId must be a district id' })
  districtId!: string;

  @Field(() => Int, { description: '1900 to 2100.' })
  @Min(1900)
  @Max(2100)
  year!: number;

  @Field(() => Int)
  @Min(0)
  population!: number;

  @Field(() => SourceInput, { nullable: true, description: "The population's own source, when it differs from `source`. Default: none." })
  @IsOptional()
  @ValidateNested()
  populationSource?: SourceInput;

  @Field(() => Int, { description: 'People receiving benefits (SGB II): 0 to population.' })
  @Min(0)
  @IsAtMost('population')
  benefitRecipients!: number;
}

@InputType({ description: 'Corrections to the figures of a district and year; fields left out stay as they are.' })
export class UpdateDistrictIndicatorInput extends UpdateInputBase {
  @Field(() => Int, { nullable: true })
  @IfSent()
  @Min(1900)
  @Max(2100)
  year?: number;

  @Field(() => Int, { nullable: true })
  @IfSent()
  @Min(0)
  population?: number;

  @Field(() => SourceInput, {
    nullable: true,
    description: "The population's own source; null removes it. Left out, it stays, unless the population changes: then it is removed.",
  })
  @IsOptional()
  @ValidateNested()
  populationSource?: SourceInput | null;

  @Field(() => Int, { nullable: true, description: 'Not more than the population (as sent, or as stored).' })
  @IfSent()
  @Min(0)
  @IsAtMost('population')
  benefitRecipients?: number;
}
