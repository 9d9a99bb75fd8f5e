import { CreateInputBase, ID_PATTERN, IfSent, ScheduleInput, UpdateInputBase } from '@jobcenter-hub/subgraph';
import { ArrayMaxSize, IsOptional, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { POSTCODE } from '../../validation';
import { type EntranceData, LocationKind, TransportMode, type TransportStop } from './location.entity';

const POSTCODE_MESSAGE = 'postcode must be a German postcode of five digits, e.g. "48143"';

@InputType({ description: 'A way into a site.' })
export class EntranceInput {
  @Field(() => String)
  @Length(1, 200)
  name!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 1000)
  description?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Reachable without steps; null when unknown.' })
  stepFree?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Has its own reception desk. Default: false.' })
  receptionDesk?: boolean | null;
}

@InputType({ description: 'A public-transport stop near a site.' })
export class TransportStopInput {
  @Field(() => String)
  @Length(1, 200)
  name!: string;

  @Field(() => TransportMode)
  mode!: TransportMode;

  @Field(() => [String], { description: 'Lines serving the stop, e.g. "SB 20", "RE 2".' })
  @ArrayMaxSize(50)
  @Length(1, 30, { each: true })
  lines!: string[];

  @Field(() => Int, { description: 'Walking minutes from the stop to the entrance, 0 to 120.' })
  @Min(0)
  @Max(120)
  walkingMinutes!: number;
}

@InputType({ description: 'Accessibility of a site; null means unknown. On update, flags left out stay as they are.' })
export class AccessibilityInput {
  @Field(() => Boolean, { nullable: true })
  stepFree?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  lift?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  accessibleToilet?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  hearingLoop?: boolean | null;
}

@InputType({ description: 'A new site.' })
export class CreateLocationInput extends CreateInputBase {
  @Field(() => String)
  @Length(1, 200)
  name!: string;

  @Field(() => LocationKind)
  kind!: LocationKind;

  @Field(() => String)
  @Length(1, 200)
  street!: string;

  @Field(() => String)
  @Length(1, 20)
  houseNumber!: string;

  @Field(() => String, { description: 'Five digits.' })
  @Matches(POSTCODE, { message: POSTCODE_MESSAGE })
  postcode!: string;

  @Field(() => String)
  @Length(1, 100)
  city!: string;

  @Field(() => Float, { description: 'WGS 84, -90 to 90.' })
  @Min(-90)
  @Max(90)
  latitude!: number;

  @Field(() => Float, { description: 'WGS 84, -180 to 180.' })
  @Min(-180)
  @Max(180)
  longitude!: number;

  @Field(() => ID, { description: 'The municipality or city district the site is in (a district of this hub).' })
  @Matches(ID_PATTERN, { message: 'districtId must be a district id' })
  districtId!: string;

  @Field(() => ID, { nullable: true, description: 'The organisation unit housed here (an id of the organisations subgraph).' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'unitId must be an organisation unit id' })
  unitId?: string;

  @Field(() => ID, { nullable: true, description: 'The organisation running the site. Default: the owner; only admins may name another.' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'organisationId must be an organisation id' })
  organisationId?: string;

  @Field(() => ScheduleInput, { nullable: true, description: 'Opening hours; none when left out.' })
  @IsOptional()
  @ValidateNested()
  openingHours?: ScheduleInput;

  @Field(() => [EntranceInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested()
  entrances?: EntranceInput[];

  @Field(() => [TransportStopInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested()
  transportStops?: TransportStopInput[];

  @Field(() => AccessibilityInput, { nullable: true, description: 'Default: all unknown.' })
  @IsOptional()
  @ValidateNested()
  accessibility?: AccessibilityInput;
}

@InputType({ description: 'Changes to a site; fields left out stay as they are, null clears where a field may be empty.' })
export class UpdateLocationInput extends UpdateInputBase {
  @Field(() => String, { nullable: true })
  @IfSent()
  @Length(1, 200)
  name?: string;

  @Field(() => LocationKind, { nullable: true })
  @IfSent()
  kind?: LocationKind;

  @Field(() => String, { nullable: true })
  @IfSent()
  @Length(1, 200)
  street?: string;

  @Field(() => String, { nullable: true })
  @IfSent()
  @Length(1, 20)
  houseNumber?: string;

  @Field(() => String, { nullable: true })
  @IfSent()
  @Matches(POSTCODE, { message: POSTCODE_MESSAGE })
  postcode?: string;

  @Field(() => String, { nullable: true })
  @IfSent()
  @Length(1, 100)
  city?: string;

  @Field(() => Float, { nullable: true })
  @IfSent()
  @Min(-90)
  @Max(90)
  latitude?: number;

  @Field(() => Float, { nullable: true })
  @IfSent()
  @Min(-180)
  @Max(180)
  longitude?: number;

  @Field(() => ID, { nullable: true })
  @IfSent()
  @Matches(ID_PATTERN, { message: 'districtId must be a district id' })
  districtId?: string;

  @Field(() => ID, { nullable: true, description: 'null: no unit is housed here.' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'unitId must be an organisation unit id' })
  unitId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only admins may name an organisation other than the owner.' })
  @IfSent()
  @Matches(ID_PATTERN, { message: 'organisationId must be an organisation id' })
  organisationId?: string;

  @Field(() => ScheduleInput, { nullable: true, description: 'Replaces the opening hours; null: none published.' })
  @IsOptional()
  @ValidateNested()
  openingHours?: ScheduleInput | null;

  @Field(() => [EntranceInput], { nullable: true, description: 'Replaces the list.' })
  @IfSent()
  @ArrayMaxSize(20)
  @ValidateNested()
  entrances?: EntranceInput[];

  @Field(() => [TransportStopInput], { nullable: true, description: 'Replaces the list.' })
  @IfSent()
  @ArrayMaxSize(50)
  @ValidateNested()
  transportStops?: TransportStopInput[];

  @Field(() => AccessibilityInput, { nullable: true, description: 'Flags left out stay as they are; null makes a flag unknown.' })
  @IfSent()
  @ValidateNested()
  accessibility?: AccessibilityInput;
}

/** The stored form (jsonb) of entrances: unknown values left out, as the seeder writes them. */
export const toEntrances = (inputs: EntranceInput[]): EntranceData[] =>
  inputs.map(({ name, description, stepFree, receptionDesk }) => ({
    name,
    ...(description ? { description } : {}),
    ...(typeof stepFree === 'boolean' ? { stepFree } : {}),
    receptionDesk: receptionDesk ?? false,
  }));

export const toTransportStops = (inputs: TransportStopInput[]): TransportStop[] =>
  inputs.map(({ name, mode, lines, walkingMinutes }) => ({ name, mode, lines: [...lines], walkingMinutes }));

/** Null and undefined both mean "unknown" in a new record; the columns store unknown as null. */
export const toAccessibility = (input: AccessibilityInput | undefined) => ({
  stepFree: input?.stepFree ?? undefined,
  lift: input?.lift ?? undefined,
  accessibleToilet: input?.accessibleToilet ?? undefined,
  hearingLoop: input?.hearingLoop ?? undefined,
});
