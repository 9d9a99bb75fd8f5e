import {
  CLASS_VALIDATOR_NULL_MESSAGE,
  CreateInputBase,
  ID_PATTERN,
  IfSent,
  IsCalendarDate,
  UpdateInputBase,
} from '@jobcenter-hub/subgraph';
import { IsOptional, Length, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { MeetingFrequency } from './liaison.entity';

const UNIT_MESSAGE = 'unitId must be an organisation unit id (a lower-case slug)';
const PARTNER_MESSAGE = 'partnerId must be a partner id (a lower-case slug)';

@InputType({ description: 'A new liaison: that a Jobcenter unit works with a partner, and how.' })
export class CreateLiaisonInput extends CreateInputBase {
  @Field(() => ID, { description: 'The organisation unit (an id of the organisations subgraph).' })
  @Matches(ID_PATTERN, { message: UNIT_MESSAGE })
  unitId!: string;

  @Field(() => ID, { description: 'The partner (of this subgraph; it must exist and not be archived).' })
  @Matches(ID_PATTERN, { message: PARTNER_MESSAGE })
  partnerId!: string;

  @Field(() => String, { nullable: true, description: "Since when, 'YYYY-MM-DD'." })
  @IsOptional()
  @IsCalendarDate()
  since?: string;

  @Field(() => MeetingFrequency, { nullable: true })
  @IsOptional()
  meetingFrequency?: MeetingFrequency;

  @Field(() => String, { nullable: true, description: "What the unit does with the partner, e.g. attends the initiative's meetings." })
  @IsOptional()
  @Length(1, 500)
  activity?: string;
}

@InputType({ description: 'Changes to a liaison; fields left out stay as they are, null clears (where a field can be empty).' })
export class UpdateLiaisonInput extends UpdateInputBase {
  @Field(() => ID, { nullable: true })
  @IfSent(CLASS_VALIDATOR_NULL_MESSAGE)
  @Matches(ID_PATTERN, { message: UNIT_MESSAGE })
  unitId?: string;

  @Field(() => ID, { nullable: true })
  @IfSent(CLASS_VALIDATOR_NULL_MESSAGE)
  @Matches(ID_PATTERN, { message: PARTNER_MESSAGE })
  partnerId?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsCalendarDate()
  since?: string | null;

  @Field(() => MeetingFrequency, { nullable: true })
  @IsOptional()
  meetingFrequency?: MeetingFrequency | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 500)
  activity?: string | null;
}
