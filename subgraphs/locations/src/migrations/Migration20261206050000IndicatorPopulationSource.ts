import { Migration } from '@mikro-orm/migrations';

/** A district indicator's population may cite a source of its own (e.g. the municipality register). */
export class Migration20261206050000IndicatorPopulationSource extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "district_indicator" add column "population_source_kind" text check ("population_source_kind" in ('ARTICLE', 'PUBLIC_RECORD', 'ILLUSTRATIVE', 'PUBLISHER')) null, add column "population_source_citation" text null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "district_indicator" drop column "population_source_kind", drop column "population_source_citation";`);
  }
}
