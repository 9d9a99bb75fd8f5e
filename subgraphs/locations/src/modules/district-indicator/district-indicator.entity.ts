import { Embedded, Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { cacheHint, Provenance, PublishedEntity } from '@jobcenter-hub/subgraph';
import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { District } from '../district/district.entity';

/** Figures dashboards show per district and year; every figure carries its source. */
@Entity({ tableName: 'district_indicator' })
// One live set of figures per district and year; archived ones keep their history beside a corrected one.
@Unique({
  name: 'district_indicator_live_district_year_unique',
  expression:
    'create unique index "district_indicator_live_district_year_unique" on "district_indicator" ("district_id", "year") where "archived_at" is null',
})
@Directive(cacheHint.reference)
@ObjectType({ description: 'Population and benefit figures of a district for one year, with their source.' })
export class DistrictIndicator extends PublishedEntity<'benefitRate'> {
  @PrimaryKey({ type: 'text' })
  @Field(() => ID)
  id!: string;

  @ManyToOne(() => District)
  district!: District;

  @Property({ type: 'int' })
  @Field(() => Int)
  year!: number;

  @Property({ type: 'int' })
  @Field(() => Int)
  population!: number;

  @Embedded(() => Provenance, { prefix: 'population_source_', nullable: true })
  @Field(() => Provenance, {
    nullable: true,
    description:
      "Where the population figure comes from when it has a source of its own (e.g. the municipality register, while the benefit figures are the record's); null: the record's `source`.",
  })
  populationSource?: Provenance | null;

  @Property({ type: 'int' })
  @Field(() => Int, { description: 'People receiving benefits (SGB II).' })
  benefitRecipients!: number;

  /** Derived, not stored: it can never disagree with the two figures it comes from. */
  @Field(() => Float, { description: 'Benefit recipients per 100 inhabitants, one decimal.' })
  get benefitRate(): number {
    return this.population > 0 ? Math.round((this.benefitRecipients / this.population) * 1000) / 10 : 0;
  }
}
