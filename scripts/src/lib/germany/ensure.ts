import { describeImport, hasGermany, importGermany } from './import';
import { readShippedGermany } from './read';

/**
 * `npm start`'s step after the services are up (they have migrated the databases): when the locations
 * database lacks the reference layer (a new or an older database), import the files shipped in
 * data/germany/, which takes a few seconds. A failure is reported, not fatal: the hub runs without the
 * layer, and `npm run data:import` says why.
 */
export async function loadGermanyIfMissing(root: string, locationsUrl: string, log: (line: string) => void): Promise<void> {
  try {
    if (await hasGermany(locationsUrl)) return;
    log('loading the reference data for all of Germany (data/germany/: Destatis, Zensus 2022, OpenStreetMap postcodes) …');
    const report = await importGermany(locationsUrl, readShippedGermany(root));
    for (const line of describeImport(report)) log(line);
  } catch (error) {
    log(`could not load the reference data (${error instanceof Error ? error.message : String(error)}); run npm run data:import`);
  }
}
