import { Entity, Enum, Index, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import {
  cacheHint,
  Provenance,
  PublishedEntity,
  Schedule,
  type ScheduleData,
  type SourceKind,
  textSearchIndexSql,
} from '@jobcenter-hub/subgraph';
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

export enum MeetingKind {
  /** A regular meeting, e.g. a neighbourhood initiative's monthly open meeting. */
  MEETING = 'MEETING',
  /** Open hours of a café, e.g. a counselling café. */
  CAFE_HOURS = 'CAFE_HOURS',
  /** Consultation hours: counselling by appointment or drop-in. */
  CONSULTATION = 'CONSULTATION',
}
registerEnumType(MeetingKind, { name: 'MeetingKind', description: 'A meeting, café hours, or consultation hours.' });

/** The stored form of one meeting (an element of the `meetings_data` jsonb array). */
export interface MeetingData {
  title: string;
  kind: MeetingKind;
  schedule: ScheduleData;
  place: string | null;
  source: { kind: SourceKind; citation: string };
}

@Directive(cacheHint.part)
@ObjectType({ description: 'A recurring meeting, café hours or consultation hours of a partner.' })
export class Meeting {
  @Field(() => String)
  title!: string;

  @Field(() => MeetingKind)
  kind!: MeetingKind;

  @Field(() => Schedule, { description: 'When it takes place (Europe/Berlin), with `openAt(time)` and `isOpen`.' })
  schedule!: Schedule;

  @Field(() => String, { nullable: true, description: 'Where it takes place, when not at the partner itself.' })
  place!: string | null;

  @Field(() => Provenance)
  source!: Provenance;
}

@Entity({ tableName: 'partner' })
// Declared here (not only in a migration) so that later `migration:create` diffs keep it.
@Index({ name: 'partner_name_fold_trgm', expression: textSearchIndexSql('partner') })
@Directive(cacheHint.reference)
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

  /**
   * The owner of each district when the partner was written, parallel to `districtIds` ('' when
   * unknown): a district shows the partner only while it is the partner's owner or grants it references.
   */
  @Property({ type: 'text[]', defaultRaw: "'{}'" })
  districtOwnerIds: Opt<string[]> = [];

  /**
   * Recurring meetings and café hours, exposed as `meetings`. A jsonb array on the row rather than a
   * table: meetings have no identity of their own, are never referenced from elsewhere, are a handful per
   * partner, and arrive with the partner (no extra statement, no loader). The GIN index (jsonb_path_ops)
   * serves the `@>` prefilter of `partners(openNow)`.
   */
  @Property({ type: 'jsonb', defaultRaw: "'[]'" })
  @Index({
    name: 'partner_meetings_data_index',
    expression: 'create index "partner_meetings_data_index" on "partner" using gin ("meetings_data" jsonb_path_ops)',
  })
  meetingsData: Opt<MeetingData[]> = [];
}
