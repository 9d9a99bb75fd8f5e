import { Migration20261125124936 } from './Migration20261125124936';
import { Migration20261125131117 } from './Migration20261125131117';
import { Migration20261125135709 } from './Migration20261125135709';
import { Migration20261206020000ReferenceOwners } from './Migration20261206020000ReferenceOwners';
import { Migration20261206040000GermanyReferenceLayer } from './Migration20261206040000GermanyReferenceLayer';
import { Migration20261206050000IndicatorPopulationSource } from './Migration20261206050000IndicatorPopulationSource';

// Every migration, in order. Generated with `npm run migration:create -w @jobcenter-hub/locations`,
// committed, never edited after it lands.
export const migrations = [
  { name: 'Migration20261125124936', class: Migration20261125124936 },
  { name: 'Migration20261125131117', class: Migration20261125131117 },
  { name: 'Migration20261125135709', class: Migration20261125135709 },
  { name: 'Migration20261206020000ReferenceOwners', class: Migration20261206020000ReferenceOwners },
  { name: 'Migration20261206040000GermanyReferenceLayer', class: Migration20261206040000GermanyReferenceLayer },
  { name: 'Migration20261206050000IndicatorPopulationSource', class: Migration20261206050000IndicatorPopulationSource },
];
