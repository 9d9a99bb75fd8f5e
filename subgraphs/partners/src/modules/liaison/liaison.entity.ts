import { Entity, Enum, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { cacheHint, PublishedEntity } from '@jobcenter-hub/subgraph';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Partner } from '../partner/partner.entity';

export enum MeetingFrequency {
  WEEKLY = 'WEEKLY',
  MONTHLY = 'MONTHLY',
  QUARTERLY = 'QUARTERLY',
  AS_NEEDED = 'AS_NEEDED',
}
registerEnumType(MeetingFrequency, { name: 'MeetingFrequency' });

/** A value type, not an entity of the graph: a liaison is only reached through its partner or unit. */
@Entity({ tableName: 'liaison' })
@Directive(cacheHint.reference)
@ObjectType({ description: 'That a Jobcenter unit works with a partner, and how.' })
export class Liaison extends PublishedEntity {
  @PrimaryKey({ type: 'text' })
  @Field(() => ID)
  id!: string;

  /** The organisation unit (owned by the organisations subgraph: only its id is stored). */
  @Property({ type: 'text', index: true })
  unitId!: string;

  /**
   * The owner of the unit when the liaison was written: the unit's lists show the liaison only while it
   * is this liaison's owner or grants it references (null: unknown, shown nowhere through the unit).
   */
  @Property({ type: 'text', nullable: true })
  unitOwnerId?: string | null;

  @ManyToOne(() => Partner, { index: true })
  partner!: Partner;

  /** A `date` column; the PostgreSQL driver hands it over as 'YYYY-MM-DD', with no time zone to shift it. */
  @Property({ type: 'date', nullable: true })
  @Field(() => String, { nullable: true, description: "Since when (ISO date, 'YYYY-MM-DD')." })
  since?: string;

  @Enum({ items: () => MeetingFrequency, nullable: true })
  @Field(() => MeetingFrequency, { nullable: true })
  meetingFrequency?: MeetingFrequency;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: "What the unit does with the partner, e.g. attends the initiative's meetings." })
  activity?: string;
}
