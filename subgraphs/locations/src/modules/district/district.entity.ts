import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { cacheHint, PublishedEntity, textSearchIndexSql } from '@jobcenter-hub/subgraph';
import { Directive, Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum DistrictKind {
  /** A municipality (Gemeinde / Stadt) with an official municipality key. */
  MUNICIPALITY = 'MUNICIPALITY',
  /** A city district (Stadtbezirk) of a larger city. */
  CITY_DISTRICT = 'CITY_DISTRICT',
}
registerEnumType(DistrictKind, { name: 'DistrictKind' });

@Entity({ tableName: 'district' })
@Index({ name: 'district_name_fold_trgm', expression: textSearchIndexSql('district') })
@Directive(cacheHint.reference)
@ObjectType({ description: 'A municipality or a city district: the area that sites, partners and figures belong to.' })
@Directive('@key(fields: "id")')
export class District extends PublishedEntity {
  @PrimaryKey({ type: 'text' })
  @Field(() => ID)
  id!: string;

  @Property({ type: 'text' })
  @Field(() => String)
  name!: string;

  @Enum({ items: () => DistrictKind })
  @Field(() => DistrictKind)
  kind!: DistrictKind;

  @Property({ type: 'text', nullable: true, unique: true })
  @Field(() => String, { nullable: true, description: 'Official municipality key (AGS), for municipalities.' })
  officialKey?: string;

  @ManyToOne(() => District, { nullable: true, index: true })
  parent?: District;

  @Property({ type: 'double precision', nullable: true })
  @Field(() => Float, { nullable: true, description: 'Latitude of the district centre (WGS 84).' })
  latitude?: number;

  @Property({ type: 'double precision', nullable: true })
  @Field(() => Float, { nullable: true, description: 'Longitude of the district centre (WGS 84).' })
  longitude?: number;
}
