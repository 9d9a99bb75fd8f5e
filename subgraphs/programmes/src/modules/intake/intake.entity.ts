import { Check, Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { cacheHint, PublishedEntity, RequireViewer } from '@jobcenter-hub/subgraph';
import { Directive, Field, ID, Int, ObjectType, registerEnumType, UseMiddleware } from 'type-graphql';
import { Programme } from '../programme/programme.entity';

/**
 * How many places are still open, in bands: what anonymous callers see instead of exact figures (from
 * which `placesTaken`, an internal figure, would follow as `places − free`).
 */
export enum PlaceAvailability {
  /** More than a few places open. */
  AVAILABLE = 'AVAILABLE',
  /** A few places open: 1 up to the larger of 2 and a tenth of the places. */
  FEW = 'FEW',
  /** No place open. */
  FULL = 'FULL',
}
registerEnumType(PlaceAvailability, {
  name: 'PlaceAvailability',
  description:
    'Places still open, in bands: FULL (none), FEW (1 up to the larger of 2 and a tenth of the places), AVAILABLE (more). Public; the exact numbers are for signed-in callers.',
});

/**
 * A date on which a group starts a programme at one venue, with its places. "Upcoming" means starting
 * today or later in Europe/Berlin; `freePlaces` and `availability` are computed, never stored.
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

  /** The owner of the venue when the intake was written: the venue's lists show the intake only while it is the intake's owner or grants it references. */
  @Property({ type: 'text', nullable: true })
  venueOwnerId?: string | null;

  /** Local date in Europe/Berlin, `YYYY-MM-DD` (PostgreSQL `date`). */
  @Property({ type: 'date' })
  @Field(() => String, { description: 'The first day, a local date in Europe/Berlin (YYYY-MM-DD).' })
  startsOn!: string;

  @Property({ type: 'int' })
  @Field(() => Int, { description: 'Places offered for this start.' })
  places!: number;

  /** Internal: how full a start is, per record, is for staff; the public sees `availability` (bands). */
  @Property({ type: 'int' })
  @Field(() => Int, { description: 'Places already taken (signed-in viewers, editors and admins only).' })
  @Directive(cacheHint.private)
  @UseMiddleware(RequireViewer)
  placesTaken!: number;
}
