import {
  CLASS_VALIDATOR_NULL_MESSAGE,
  CreateInputBase,
  ID_PATTERN,
  IfSent,
  IsCalendarDate,
  UpdateInputBase,
} from '@jobcenter-hub/subgraph';
import { IsOptional, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { OrganisationRelation } from './organisation-link.entity';

@InputType({ description: 'A new link from an organisation to another one, as the first one publishes it.' })
export class CreateOrganisationLinkInput extends CreateInputBase {
  @Field(() => ID, { description: 'The organisation whose link this is; you must be allowed to edit it.' })
  @Matches(ID_PATTERN, { message: 'organisationId must be an organisation id' })
  organisationId!: string;

  @Field(() => ID, { description: 'The linked organisation (another one).' })
  @Matches(ID_PATTERN, { message: 'linkedId must be an organisation id' })
  linkedId!: string;

  @Field(() => OrganisationRelation)
  relation!: OrganisationRelation;

  @Field(() => String, { nullable: true, description: "Since when, 'YYYY-MM-DD'." })
  @IsOptional()
  @IsCalendarDate()
  since?: string;
}

@InputType({ description: 'Changes to a link; its two organisations stay (archive it and create another to link others).' })
export class UpdateOrganisationLinkInput extends UpdateInputBase {
  @Field(() => OrganisationRelation, { nullable: true })
  @IfSent(CLASS_VALIDATOR_NULL_MESSAGE)
  relation?: OrganisationRelation;

  @Field(() => String, { nullable: true, description: "Since when, 'YYYY-MM-DD'; null when not known." })
  @IsOptional()
  @IsCalendarDate()
  since?: string | null;
}
