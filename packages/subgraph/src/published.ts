import { Embedded, Entity, OptionalProps, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Provenance } from './provenance';

/**
 * What every published record carries, in every subgraph: its owner (the organisation that publishes
 * it), its source, a version for optimistic locking, timestamps, and a soft-delete marker.
 */
@Entity({ abstract: true })
@ObjectType({ description: 'Fields every published record has.' })
/** `Optional`: further properties with defaults, which `em.create` may omit. */
export abstract class PublishedEntity<Optional extends string = never> {
  [OptionalProps]?: 'version' | 'createdAt' | 'updatedAt' | Optional;

  /** The organisation that publishes (and may edit) this record. */
  @Property({ type: 'text', index: true })
  @Field(() => ID, { description: 'The organisation that publishes this record.' })
  ownerId!: string;

  @Embedded(() => Provenance, { prefix: 'source_' })
  @Field(() => Provenance)
  source!: Provenance;

  @Property({ version: true })
  @Field(() => Int, { description: 'Increases with every change (optimistic locking).' })
  version!: number;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  @Field(() => Date)
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  @Field(() => Date)
  updatedAt: Date = new Date();

  /** Set when the record is archived (soft delete); archived records leave lists but keep their history. */
  @Property({ type: 'timestamptz', nullable: true })
  archivedAt?: Date;
}
