import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { cacheHint, PublishedEntity, type ScheduleData, textSearchIndexSql } from '@jobcenter-hub/subgraph';
import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { District } from '../district/district.entity';

/** What kind of site this is; mirrors the kind of the unit housed there, so sites can be filtered here. */
export enum LocationKind {
  HEADQUARTERS = 'HEADQUARTERS',
  DISTRICT_OFFICE = 'DISTRICT_OFFICE',
  BRANCH_OFFICE = 'BRANCH_OFFICE',
  JOB_ACADEMY = 'JOB_ACADEMY',
  REHAPRO_HOUSE = 'REHAPRO_HOUSE',
  OTHER = 'OTHER',
}
registerEnumType(LocationKind, { name: 'LocationKind' });

export enum TransportMode {
  BUS = 'BUS',
  TRAM = 'TRAM',
  TRAIN = 'TRAIN',
  SUBWAY = 'SUBWAY',
}
registerEnumType(TransportMode, { name: 'TransportMode' });

@Directive(cacheHint.part)
@ObjectType({ description: 'A public-transport stop near a site.' })
export class TransportStop {
  @Field(() => String)
  name!: string;

  @Field(() => TransportMode)
  mode!: TransportMode;

  @Field(() => [String], { description: 'Lines serving the stop, e.g. "SB 20", "RE 2".' })
  lines!: string[];

  @Field(() => Int, { description: 'Walking minutes from the stop to the entrance.' })
  walkingMinutes!: number;
}

/** How an entrance is stored (jsonb); unknown values are left out. */
export interface EntranceData {
  name: string;
  description?: string;
  stepFree?: boolean;
  receptionDesk: boolean;
}

@Directive(cacheHint.part)
@ObjectType({ description: 'A way into a site.' })
export class Entrance {
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Reachable without steps; null when unknown.' })
  stepFree!: boolean | null;

  @Field(() => Boolean, { description: "Has its own reception desk (as each of Münster's branch offices does)." })
  receptionDesk!: boolean;
}

@Directive(cacheHint.part)
@ObjectType({ description: 'Accessibility of a site; null means unknown.' })
export class Accessibility {
  @Field(() => Boolean, { nullable: true })
  stepFree!: boolean | null;

  @Field(() => Boolean, { nullable: true })
  lift!: boolean | null;

  @Field(() => Boolean, { nullable: true })
  accessibleToilet!: boolean | null;

  @Field(() => Boolean, { nullable: true })
  hearingLoop!: boolean | null;
}

@Entity({ tableName: 'location' })
// Declared here so schema diffs know them; created by migration Migration20261125131117.
@Index({
  name: 'location_earth_gist',
  expression: 'create index "location_earth_gist" on "location" using gist (ll_to_earth("latitude", "longitude"))',
})
@Index({ name: 'location_name_fold_trgm', expression: textSearchIndexSql('location') })
@Directive(cacheHint.reference)
@ObjectType({ description: 'A physical site: where people go.' })
@Directive('@key(fields: "id")')
export class Location extends PublishedEntity<'entrancesData' | 'transportStopsData'> {
  @PrimaryKey({ type: 'text' })
  @Field(() => ID)
  id!: string;

  @Property({ type: 'text' })
  @Field(() => String)
  name!: string;

  @Enum({ items: () => LocationKind, index: true, default: LocationKind.OTHER })
  @Field(() => LocationKind)
  kind!: LocationKind;

  @Property({ type: 'text' })
  @Field(() => String)
  street!: string;

  @Property({ type: 'text' })
  @Field(() => String)
  houseNumber!: string;

  @Property({ type: 'text', index: true })
  @Field(() => String)
  postcode!: string;

  @Property({ type: 'text' })
  @Field(() => String)
  city!: string;

  @Property({ type: 'double precision' })
  @Field(() => Float)
  latitude!: number;

  @Property({ type: 'double precision' })
  @Field(() => Float)
  longitude!: number;

  @ManyToOne(() => District, { index: true })
  district!: District;

  /** The organisation unit housed here (owned by the organisations subgraph: only its id is stored). */
  @Property({ type: 'text', nullable: true, index: true })
  unitId?: string;

  /**
   * The owner of the unit when the reference was written (asked from the organisations subgraph): the site
   * shows in the unit's `locations` only while that is the site's owner or it grants references to it.
   * Null without a unit, and for sites the seeders wrote (own references).
   */
  @Property({ type: 'text', nullable: true })
  unitOwnerId?: string;

  /** The organisation running the site (owned by the organisations subgraph). */
  @Property({ type: 'text', index: true })
  organisationId!: string;

  /** The owner of that organisation's record when the reference was written; as `unitOwnerId`. */
  @Property({ type: 'text', nullable: true })
  organisationOwnerId?: string;

  /** Weekly opening hours with exceptions; exposed as `openingHours: Schedule`. */
  @Property({ type: 'jsonb', nullable: true })
  openingHoursData?: ScheduleData;

  @Property({ type: 'jsonb', default: '[]' })
  entrancesData: EntranceData[] = [];

  @Property({ type: 'jsonb', default: '[]' })
  transportStopsData: TransportStop[] = [];

  @Property({ type: 'boolean', nullable: true })
  stepFree?: boolean;

  @Property({ type: 'boolean', nullable: true })
  lift?: boolean;

  @Property({ type: 'boolean', nullable: true })
  accessibleToilet?: boolean;

  @Property({ type: 'boolean', nullable: true })
  hearingLoop?: boolean;
}
