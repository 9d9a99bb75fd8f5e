import { Check, Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { cacheHint, PublishedEntity } from '@jobcenter-hub/subgraph';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Programme } from '../programme/programme.entity';

/** The years a figure may have (and a `year` argument may ask for). */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

/**
 * How many people took part in a programme in one year, at one venue or (venue null) across all its
 * venues. At most one figure per programme, year and venue (a unique index in the migration treats
 * "all venues" as one value).
 */
@Entity({ tableName: 'participation' })
@Directive(cacheHint.reference)
@ObjectType('ParticipationFigure', { description: 'Participants of a programme in one year, at one venue or across all venues.' })
@Check<Participation>({
  name: 'participation_figures_check',
  expression: (columns) => `${columns.participants} >= 0 and ${columns.year} >= ${MIN_YEAR} and ${columns.year} <= ${MAX_YEAR}`,
})
@Index({ properties: ['programme', 'year'] })
@Unique({
  name: 'participation_programme_year_venue_unique',
  expression:
    'create unique index "participation_programme_year_venue_unique" on "participation" ("programme_id", "year", coalesce("venue_id", \'\')) where "archived_at" is null',
})
export class Participation extends PublishedEntity {
  @PrimaryKey({ type: 'text' })
  @Field(() => ID)
  id!: string;

  @ManyToOne(() => Programme, { deleteRule: 'cascade' })
  programme!: Programme;

  @Property({ type: 'int' })
  @Field(() => Int)
  year!: number;

  /** The Location (locations subgraph) the figure is for; null: all venues of the programme together. */
  @Property({ type: 'text', nullable: true })
  venueId?: string | null;

  /** The owner of the venue when the figure was written (null with no venue, or unknown). */
  @Property({ type: 'text', nullable: true })
  venueOwnerId?: string | null;

  @Property({ type: 'int' })
  @Field(() => Int)
  participants!: number;
}
