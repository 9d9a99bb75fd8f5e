import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { cacheHint, PublishedEntity } from '@jobcenter-hub/subgraph';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { District } from '../district/district.entity';
import { Location } from '../location/location.entity';

/**
 * "Which site serves me?": the site (and the unit there) responsible for a district — a municipality
 * in Kreis Recklinghausen, a city district in Münster — optionally narrowed to some postcodes.
 */
@Entity({ tableName: 'service_area' })
@Directive(cacheHint.reference)
@ObjectType({ description: 'The area a site is responsible for: a district, optionally narrowed to postcodes.' })
export class ServiceArea extends PublishedEntity<'postcodes'> {
  @PrimaryKey({ type: 'text' })
  @Field(() => ID)
  id!: string;

  @ManyToOne(() => Location, { index: true })
  location!: Location;

  @ManyToOne(() => District, { index: true })
  district!: District;

  /** Empty: the whole district. */
  @Property({ type: 'text[]' })
  @Index({ type: 'GIN' })
  @Field(() => [String], { description: 'The postcodes served; empty when the whole district is served.' })
  postcodes: string[] = [];
}
