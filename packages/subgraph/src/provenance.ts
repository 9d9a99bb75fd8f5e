import { Embeddable, Enum, Property } from '@mikro-orm/core';
import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { cacheHint } from './cache-control';

/** Where a fact comes from. Dashboards show it next to every number. */
export enum SourceKind {
  /** Stated in the seed article ("Ganz nah dran", sgb2.info, 15 November 2021). */
  ARTICLE = 'ARTICLE',
  /** A public record outside the article (e.g. an official municipality key). */
  PUBLIC_RECORD = 'PUBLIC_RECORD',
  /** Invented for the demo (addresses, coordinates, partner names, figures): not a real fact. */
  ILLUSTRATIVE = 'ILLUSTRATIVE',
  /** Entered by the publishing organisation itself. */
  PUBLISHER = 'PUBLISHER',
}
registerEnumType(SourceKind, {
  name: 'SourceKind',
  description: 'Where a fact comes from; ILLUSTRATIVE marks invented demo data.',
});

/** The provenance of a record, stored as `source_kind` / `source_citation` columns. */
@Embeddable()
@Directive(cacheHint.part)
@ObjectType('Source', { description: 'Where the facts of a record come from.' })
@Directive('@shareable')
export class Provenance {
  @Enum({ items: () => SourceKind })
  @Field(() => SourceKind)
  kind!: SourceKind;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Citation or explanation, e.g. the article, or why a value is illustrative.' })
  citation!: string;

  constructor(kind: SourceKind, citation: string) {
    this.kind = kind;
    this.citation = citation;
  }
}
