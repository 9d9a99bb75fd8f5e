import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { PublishedEntity } from '@jobcenter-hub/kit';
import { Directive, Field, Float, ID, ObjectType } from 'type-graphql';
import { District } from '../district/district.entity';

@Entity({ tableName: 'location' })
@ObjectType({ description: 'A physical site: where people go.' })
@Directive('@key(fields: "id")')
export class Location extends PublishedEntity {
  @PrimaryKey({ type: 'text' })
  @Field(() => ID)
  id!: string;

  @Property({ type: 'text' })
  @Field(() => String)
  name!: string;

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

  /** The organisation running the site (owned by the organisations subgraph). */
  @Property({ type: 'text', index: true })
  organisationId!: string;
}
