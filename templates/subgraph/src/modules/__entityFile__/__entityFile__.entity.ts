import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { cacheHint, PublishedEntity } from '@jobcenter-hub/subgraph';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * What this subgraph publishes. Add your own fields (then `npm run migration:create`); keep `id` as the
 * key: the gateway and other subgraphs refer to a record by it. Records of other subgraphs are stored
 * by id only (`districtId`, `partnerId`): no subgraph reads another's tables.
 */
@Entity({ tableName: '__entityTable__' })
@Directive(cacheHint.reference)
@ObjectType({ description: 'A __entityWords__, published by the __name__ subgraph.' })
@Directive('@key(fields: "id")')
export class __Entity__ extends PublishedEntity {
  @PrimaryKey({ type: 'text' })
  @Field(() => ID)
  id!: string;

  @Property({ type: 'text' })
  @Field(() => String)
  name!: string;

  /** The district (owned by the locations subgraph) the record belongs to. */
  @Property({ type: 'text', index: true })
  districtId!: string;

  /** The partner (owned by the partners subgraph) that offers it, if any. */
  @Property({ type: 'text', nullable: true, index: true })
  partnerId?: string;
}
