import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { cacheHint, PublishedEntity, textSearchIndexSql } from '@jobcenter-hub/subgraph';
import { Directive, Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum DistrictKind {
  /** Land (federal state): key of 2 digits. */
  STATE = 'STATE',
  /** Regierungsbezirk (or a former one the register still keys, e.g. in Sachsen): key of 3 digits. */
  ADMINISTRATIVE_REGION = 'ADMINISTRATIVE_REGION',
  /** Kreis / Landkreis (also Regionalverband, Städteregion): key of 5 digits. */
  DISTRICT_COUNTY = 'DISTRICT_COUNTY',
  /** Kreisfreie Stadt / Stadtkreis: a city that is its own Kreis; key of 5 digits. */
  INDEPENDENT_CITY = 'INDEPENDENT_CITY',
  /** A municipality (Gemeinde / Stadt) with an official municipality key (AGS, 8 digits). */
  MUNICIPALITY = 'MUNICIPALITY',
  /** Gemeindefreies Gebiet: an area of a Kreis that belongs to no Gemeinde (forests, lakes); AGS of 8 digits. */
  UNINCORPORATED_AREA = 'UNINCORPORATED_AREA',
  /** A city district (Stadtbezirk) of a larger city, as its publisher adds it (no official key). */
  CITY_DISTRICT = 'CITY_DISTRICT',
}
registerEnumType(DistrictKind, {
  name: 'DistrictKind',
  description:
    "The level of a district in Germany's territorial hierarchy: Land → Regierungsbezirk → Kreis / kreisfreie Stadt → Gemeinde → city district.",
  valuesConfig: {
    STATE: { description: 'Land (federal state); official key of 2 digits.' },
    ADMINISTRATIVE_REGION: { description: 'Regierungsbezirk (or a former one the register still keys); official key of 3 digits.' },
    DISTRICT_COUNTY: { description: 'Kreis / Landkreis (also Regionalverband, Städteregion); official key of 5 digits.' },
    INDEPENDENT_CITY: { description: 'Kreisfreie Stadt / Stadtkreis: a city that is its own Kreis; official key of 5 digits.' },
    MUNICIPALITY: { description: 'Gemeinde / Stadt; official municipality key (AGS) of 8 digits.' },
    UNINCORPORATED_AREA: { description: 'Gemeindefreies Gebiet: part of a Kreis outside any Gemeinde; AGS of 8 digits.' },
    CITY_DISTRICT: { description: 'Stadtbezirk of a city, as its publisher adds it; no official key.' },
  },
});

/** One population figure as the import stores it (`populations_data`). */
export interface PopulationData {
  count: number;
  /** Reference date, YYYY-MM-DD. */
  date: string;
  citation: string;
}

@Entity({ tableName: 'district' })
@Index({ name: 'district_name_fold_trgm', expression: textSearchIndexSql('district') })
@Index({
  name: 'district_earth_gist',
  expression:
    'create index "district_earth_gist" on "district" using gist (ll_to_earth("latitude", "longitude")) where "latitude" is not null and "longitude" is not null',
})
@Directive(cacheHint.reference)
@ObjectType({
  description:
    'An area of Germany\'s territorial hierarchy (Land, Regierungsbezirk, Kreis or kreisfreie Stadt, Gemeinde) or a city district a publisher adds: the area that sites, partners and figures belong to. The levels come from the Destatis municipality register (README, "Data for all of Germany"); boundaries are not modelled, only centres.',
})
@Directive('@key(fields: "id")')
export class District extends PublishedEntity<'populationsData'> {
  @PrimaryKey({ type: 'text' })
  @Field(() => ID)
  id!: string;

  @Property({ type: 'text' })
  @Field(() => String)
  name!: string;

  @Enum({ items: () => DistrictKind })
  @Index()
  @Field(() => DistrictKind)
  kind!: DistrictKind;

  @Property({ type: 'text', nullable: true, unique: true })
  @Field(() => String, {
    nullable: true,
    description:
      'Official key (amtlicher Schlüssel): Land 2 digits, Regierungsbezirk 3, Kreis 5, Gemeinde 8 (the AGS); none for city districts.',
  })
  officialKey?: string;

  @ManyToOne(() => District, { nullable: true, index: true })
  parent?: District;

  @Property({ type: 'double precision', nullable: true })
  @Field(() => Float, { nullable: true, description: 'Latitude of the district centre (WGS 84).' })
  latitude?: number;

  @Property({ type: 'double precision', nullable: true })
  @Field(() => Float, { nullable: true, description: 'Longitude of the district centre (WGS 84).' })
  longitude?: number;

  @Property({ type: 'double precision', nullable: true })
  @Field(() => Float, { nullable: true, description: 'Area in km², from the municipality register (Destatis).' })
  areaKm2?: number;

  /** Population figures with their dates and sources, newest first; written by the import only. */
  @Property({ type: 'jsonb' })
  populationsData: PopulationData[] = [];
}
