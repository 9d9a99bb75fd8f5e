import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { PublishedEntity } from '@jobcenter-hub/kit';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum PartnerCategory {
  KITA = 'KITA',
  /** Ehrenamtliche Initiative */
  VOLUNTEER_INITIATIVE = 'VOLUNTEER_INITIATIVE',
  /** Beratungscafé */
  COUNSELLING_CAFE = 'COUNSELLING_CAFE',
  /** Stadtteilinitiative */
  NEIGHBOURHOOD_INITIATIVE = 'NEIGHBOURHOOD_INITIATIVE',
  /** Streetwork, usually with social workers */
  STREET_WORK = 'STREET_WORK',
  OTHER_SOCIAL_SERVICE = 'OTHER_SOCIAL_SERVICE',
}
registerEnumType(PartnerCategory, {
  name: 'PartnerCategory',
  description: 'Kita, volunteer initiative, counselling café, neighbourhood initiative, street work, or another social service.',
});

@Entity({ tableName: 'partner' })
@ObjectType({ description: 'A local partner of the Jobcenter: a Kita, an initiative, a counselling café, street work, …' })
@Directive('@key(fields: "id")')
export class Partner extends PublishedEntity {
  @PrimaryKey({ type: 'text' })
  @Field(() => ID)
  id!: string;

  @Property({ type: 'text' })
  @Field(() => String)
  name!: string;

  @Enum({ items: () => PartnerCategory })
  @Index()
  @Field(() => PartnerCategory)
  category!: PartnerCategory;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  description?: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Public website.' })
  website?: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Public contact e-mail address.' })
  email?: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Public contact phone number.' })
  phone?: string;

  /**
   * The districts served (owned by the locations subgraph: only their ids are stored). GIN, because
   * `District.partners` asks "which rows' arrays overlap these ids" (`&&`), which a B-tree cannot answer.
   */
  @Property({ type: 'text[]' })
  @Index({ type: 'gin' })
  districtIds!: string[];
}
