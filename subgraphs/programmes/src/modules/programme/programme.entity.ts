import { Entity, Enum, Index, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { cacheHint, PublishedEntity, textSearchIndexSql } from '@jobcenter-hub/subgraph';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum ProgrammeKind {
  /** Jobakademie: intensive support by Jobcenter staff, up to several days a week. */
  JOB_ACADEMY = 'JOB_ACADEMY',
  /** Rehapro: medical offers combined with vocational orientation. */
  REHAPRO = 'REHAPRO',
  /** Einzelcoaching: one-to-one coaching. */
  INDIVIDUAL_COACHING = 'INDIVIDUAL_COACHING',
  /** Sofortmaßnahmen: an appointment as fast as possible, to avoid long-term unemployment. */
  IMMEDIATE_ACTIVATION = 'IMMEDIATE_ACTIVATION',
}
registerEnumType(ProgrammeKind, {
  name: 'ProgrammeKind',
  description: 'Job academy, Rehapro, individual coaching, or immediate activation measures.',
});

@Entity({ tableName: 'programme' })
@Directive(cacheHint.reference)
@ObjectType({ description: 'Something people can join: a job academy, Rehapro, coaching, immediate measures, …' })
@Directive('@key(fields: "id")')
// Keyset pagination of `programmes` walks (name, id).
@Index({ properties: ['name', 'id'] })
// `programmes(search:)`: trigram index on the folded name (the migration installs `hub_fold` first).
@Index({ name: 'programme_name_fold_trgm', expression: textSearchIndexSql('programme') })
export class Programme extends PublishedEntity {
  @PrimaryKey({ type: 'text' })
  @Field(() => ID)
  id!: string;

  @Property({ type: 'text' })
  @Field(() => String)
  name!: string;

  @Enum({ items: () => ProgrammeKind })
  @Index()
  @Field(() => ProgrammeKind)
  kind!: ProgrammeKind;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  description?: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Who the programme is for.' })
  targetGroup?: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Who may join (formal conditions); null when not published.' })
  eligibility?: string;

  @Property({ type: 'int', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Places per year, across all venues; null when not known.' })
  capacityPerYear?: number;

  @Property({ type: 'int', nullable: true })
  @Field(() => Int, {
    nullable: true,
    description:
      'Participants per year, across all venues, as the source states it; null when not known. `participation` gives figures by year and venue.',
  })
  participantsPerYear?: number;

  @Property({ type: 'int', nullable: true })
  @Field(() => Int, { nullable: true, description: 'The most days a week a participant attends; null when not known.' })
  daysPerWeekMax?: number;

  /** The Organisation (organisations subgraph) that runs the programme; exposed as `operator`. */
  @Property({ type: 'text', index: true })
  operatorId!: string;

  /**
   * The owner of the operator when the programme was written: `Organisation.programmes` shows the
   * programme only while it is the programme's owner or grants it references (null: unknown).
   */
  @Property({ type: 'text', nullable: true })
  operatorOwnerId?: string | null;

  /** Location ids (locations subgraph); GIN-indexed because `Location.programmes` asks `venue_ids && $1`. */
  @Property({ type: 'text[]' })
  @Index({ type: 'gin' })
  venueIds!: string[];

  /** The owner of each venue when the programme was written, parallel to `venueIds` ('' when unknown). */
  @Property({ type: 'text[]', defaultRaw: "'{}'" })
  venueOwnerIds: Opt<string[]> = [];

  /** Partner ids (partners subgraph); GIN-indexed for `Partner.programmes` (`partner_ids && $1`). */
  @Property({ type: 'text[]' })
  @Index({ type: 'gin' })
  partnerIds!: string[];

  /** The owner of each partner when the programme was written, parallel to `partnerIds` ('' when unknown). */
  @Property({ type: 'text[]', defaultRaw: "'{}'" })
  partnerOwnerIds: Opt<string[]> = [];
}
