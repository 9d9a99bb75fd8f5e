import { Migration20261125124936 } from './Migration20261125124936';
import { Migration20261125131117 } from './Migration20261125131117';
import { Migration20261125135709 } from './Migration20261125135709';

// Every migration, in order. Generated with `npm run migration:create -w @jobcenter-hub/locations`,
// committed, never edited after it lands.
export const migrations = [
  { name: 'Migration20261125124936', class: Migration20261125124936 },
  { name: 'Migration20261125131117', class: Migration20261125131117 },
  { name: 'Migration20261125135709', class: Migration20261125135709 },
];
