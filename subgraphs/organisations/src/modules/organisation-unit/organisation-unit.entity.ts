import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { cacheHint, PublishedEntity, textSearchIndexSql } from '@jobcenter-hub/subgraph';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Organisation } from '../organisation/organisation.entity';

export enum UnitKind {
  HEADQUARTERS = 'HEADQUARTERS',
  /** Bezirksstelle: a district office in one city of a Kreis. */
  DISTRICT_OFFICE = 'DISTRICT_OFFICE',
  /** Nebenstelle: a branch office serving one city district. */
  BRANCH_OFFICE = 'BRANCH_OFFICE',
  /** Jobakademie: intensive support, up to several days a week. */
  JOB_ACADEMY = 'JOB_ACADEMY',
  /** Rehapro house: medical offers combined with vocational orientation. */
  REHAPRO_HOUSE = 'REHAPRO_HOUSE',
  TEAM = 'TEAM',
}
registerEnumType(UnitKind, { name: 'UnitKind' });

export enum TeamFunction {
  /** Vermittlung */
  PLACEMENT = 'PLACEMENT',
  /** Leistung */
  BENEFITS = 'BENEFITS',
  /** Eingangsbereich */
  RECEPTION = 'RECEPTION',
}
registerEnumType(TeamFunction, { name: 'TeamFunction' });

@Entity({ tableName: 'organisation_unit' })
// Declared here (not only in a migration) so that later `migration:create` diffs keep it.
@Index({ name: 'organisation_unit_name_fold_trgm', expression: textSearchIndexSql('organisation_unit') })
@Directive(cacheHint.reference)
@ObjectType({ description: 'A part of an organisation: headquarters, district or branch office, academy, team.' })
@Directive('@key(fields: "id")')
export class OrganisationUnit extends PublishedEntity {
  @PrimaryKey({ type: 'text' })
  @Field(() => ID)
  id!: string;

  @ManyToOne(() => Organisation, { index: true })
  organisation!: Organisation;

  @ManyToOne(() => OrganisationUnit, { nullable: true, index: true })
  parent?: OrganisationUnit;

  @Property({ type: 'text' })
  @Field(() => String)
  name!: string;

  @Enum({ items: () => UnitKind })
  @Field(() => UnitKind)
  kind!: UnitKind;

  @Enum({ items: () => TeamFunction, nullable: true })
  @Field(() => TeamFunction, { nullable: true, description: 'Only for teams.' })
  teamFunction?: TeamFunction;

  /** Whose employees staff the unit (Recklinghausen's district offices: the city's). */
  @ManyToOne(() => Organisation, { nullable: true, index: true })
  employer?: Organisation;
}
