import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { cacheHint, PublishedEntity, textSearchIndexSql } from '@jobcenter-hub/subgraph';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum OrganisationKind {
  JOBCENTER = 'JOBCENTER',
  DISTRICT_COUNTY = 'DISTRICT_COUNTY',
  MUNICIPALITY = 'MUNICIPALITY',
  CITY_DEPARTMENT = 'CITY_DEPARTMENT',
  PARTNER_UMBRELLA = 'PARTNER_UMBRELLA',
}
registerEnumType(OrganisationKind, {
  name: 'OrganisationKind',
  description: 'Jobcenter, Kreis (district county), municipality, city department, or umbrella body of partners.',
});

export enum JobcenterModel {
  /** "zugelassener kommunaler Träger": the municipality runs the Jobcenter alone. */
  MUNICIPAL = 'MUNICIPAL',
  /** "gemeinsame Einrichtung": run jointly by the municipality and the Federal Employment Agency. */
  JOINT = 'JOINT',
}
registerEnumType(JobcenterModel, { name: 'JobcenterModel' });

@Entity({ tableName: 'organisation' })
// Declared here (not only in a migration) so that later `migration:create` diffs keep it.
@Index({ name: 'organisation_name_fold_trgm', expression: textSearchIndexSql('organisation') })
@Directive(cacheHint.reference)
@ObjectType({ description: 'An organisation: a Jobcenter, a Kreis, a municipality, a city department, …' })
@Directive('@key(fields: "id")')
export class Organisation extends PublishedEntity {
  @PrimaryKey({ type: 'text' })
  @Field(() => ID)
  id!: string;

  @Property({ type: 'text' })
  @Field(() => String)
  name!: string;

  @Enum({ items: () => OrganisationKind })
  @Index()
  @Field(() => OrganisationKind)
  kind!: OrganisationKind;

  @Enum({ items: () => JobcenterModel, nullable: true })
  @Field(() => JobcenterModel, { nullable: true, description: 'Only for Jobcenters.' })
  jobcenterModel?: JobcenterModel;

  /** GIN, because `organisations(municipalityKey)` asks which arrays contain a key (`@>`). */
  @Property({ type: 'text[]' })
  @Index({ type: 'gin' })
  @Field(() => [String], { description: 'Official municipality keys (AGS) of the area this organisation serves or governs.' })
  municipalityKeys!: string[];

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The managing director (a public role), for Jobcenters.' })
  managingDirector?: string;

  @ManyToOne(() => Organisation, { nullable: true, index: true })
  parent?: Organisation;
}
