import { Check, Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { cacheHint, PublishedEntity, RequireViewer } from '@jobcenter-hub/subgraph';
import { Directive, Field, ID, Int, ObjectType, UseMiddleware } from 'type-graphql';
import { Programme } from '../programme/programme.entity';

/**
 * A date on which a group starts a programme at one venue, with its places. "Upcoming" means starting
 * today or later in Europe/Berlin; `freePlaces` is computed, never stored.
 */
@Entity({ tableName: 'intake' })
@Directive(cacheHint.reference)
@ObjectType({ description: 'A start date of a programme at one venue, with its places.' })
@Check<Intake>({ name: 'intake_places_check', expression: (columns) => `${columns.places} >= 0 and ${columns.placesTaken} >= 0` })
@Index({ properties: ['programme', 'startsOn'] })
@Index({ properties: ['venueId', 'startsOn'] })
export class Intake extends PublishedEntity {
  @PrimaryKey({ type: 'text' })
  @Field(() => ID)
  id!: string;

  /** Exposed as `programme`; loaded together with the intake (one joined statement). */
  @ManyToOne(() => Programme, { deleteRule: 'cascade' })
  programme!: Programme;

  /** The Location (locations subgraph) where the group starts; exposed as `venue`. */
  @Property({ type: 'text' })
  venueId!: string;

  /** Local date in Europe/Berlin, `YYYY-MM-DD` (PostgreSQL `date`). */
  @Property({ type: 'date' })
  @Field(() => String, { description: 'The first day, a local date in Europe/Berlin (YYYY-MM-DD).' })
  startsOn!: string;

  @Property({ type: 'int' })
  @Field(() => Int, { description: 'Places offered for this start.' })
  places!: number;

  /** Internal: how full a start is, per record, is for staff; `freePlaces` stays public. */
  @Property({ type: 'int' })
  @Field(() => Int, { description: 'Places already taken (signed-in viewers, editors and admins only).' })
  @Directive(cacheHint.private)
  @UseMiddleware(RequireViewer)
  placesTaken!: number;
}
