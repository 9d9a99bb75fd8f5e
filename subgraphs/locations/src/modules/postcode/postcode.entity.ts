import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { District } from '../district/district.entity';

/** The attribution the postcode table needs wherever it is served (ODbL; data/germany/SOURCES.md). */
export const POSTCODE_CITATION =
  'Postleitzahl ↔ Gemeinde aus OpenStreetMap (suche-postleitzahl.org, 2021): © OpenStreetMap contributors, Open Database License 1.0 (ODbL)';

/**
 * A postcode and one Gemeinde it touches (a postcode can touch several), from the OpenStreetMap-derived
 * table of the reference layer. Written only by the import (`npm run data:import`); not a GraphQL type:
 * `District.postcodes` and `responsibleLocations` serve it.
 */
@Entity({ tableName: 'postcode' })
export class Postcode {
  @PrimaryKey({ type: 'text' })
  postcode!: string;

  @ManyToOne(() => District, { primary: true, index: true, deleteRule: 'cascade' })
  district!: District;

  /** The place name OpenStreetMap gives the postcode in this Gemeinde. */
  @Property({ type: 'text' })
  place!: string;
}
