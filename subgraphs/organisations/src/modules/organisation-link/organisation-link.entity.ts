import { Entity, Enum, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { cacheHint, PublishedEntity } from '@jobcenter-hub/subgraph';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Organisation } from '../organisation/organisation.entity';

export enum OrganisationRelation {
  /** The two work together on cases, e.g. a Jobcenter and the city's youth welfare office. */
  COOPERATES_WITH = 'COOPERATES_WITH',
  /** The linked organisation employs (some of) the staff of this one, e.g. a city the staff of a district office. */
  STAFF_EMPLOYER = 'STAFF_EMPLOYER',
  /**
   * Consent to references: records owned by the linked organisation may point at this organisation's
   * units, sites, districts and partners (docs/security.md "References between publishers"). Archiving
   * the link revokes it: the linked organisation's records leave this organisation's lists.
   */
  GRANTS_REFERENCES = 'GRANTS_REFERENCES',
}
registerEnumType(OrganisationRelation, {
  name: 'OrganisationRelation',
  description:
    'How an organisation is linked to another: it cooperates with it, the other employs (some of) its staff, or it grants the other references to its records.',
  valuesConfig: {
    COOPERATES_WITH: { description: 'The two work together on cases.' },
    STAFF_EMPLOYER: { description: 'The linked organisation employs (some of) the staff of this one.' },
    GRANTS_REFERENCES: {
      description:
        "This organisation consents that records owned by the linked organisation point at this organisation's units, sites, districts and partners (e.g. a programme held at its site, a site of its unit, a service area in its district). Archiving the link revokes the consent: the linked organisation's records then leave this organisation's lists, and new references are refused.",
    },
  },
});

/**
 * That one organisation is linked to another, as the first one publishes it: e.g. a Jobcenter and the
 * city departments it works with. A value type of the graph, reached through `linkedOrganisations`.
 */
@Entity({ tableName: 'organisation_link' })
// Unique among the links in use: an archived link keeps its history and does not block linking again.
@Unique({
  name: 'organisation_link_current_unique',
  expression:
    'create unique index "organisation_link_current_unique" on "organisation_link" ("organisation_id", "linked_id", "relation") where "archived_at" is null',
})
@Directive(cacheHint.reference)
@ObjectType({ description: 'A link from an organisation to another one: how they are related, since when, and the source.' })
export class OrganisationLink extends PublishedEntity {
  @PrimaryKey({ type: 'text' })
  @Field(() => ID)
  id!: string;

  /** The organisation whose link this is (the unique index serves lookups by it, which leave archived links out). */
  @ManyToOne(() => Organisation)
  organisation!: Organisation;

  @ManyToOne(() => Organisation, { index: true })
  linked!: Organisation;

  @Enum({ items: () => OrganisationRelation })
  @Field(() => OrganisationRelation)
  relation!: OrganisationRelation;

  /** A `date` column: the driver hands it over as 'YYYY-MM-DD'. */
  @Property({ type: 'date', nullable: true })
  @Field(() => String, { nullable: true, description: "Since when (ISO date, 'YYYY-MM-DD'), when known." })
  since?: string;
}
