import { Migration20261125125017 } from './Migration20261125125017';
import { Migration20261125131248 } from './Migration20261125131248';
import { Migration20261125135247 } from './Migration20261125135247';
import { Migration20261206030000_reference_owners } from './Migration20261206030000_reference_owners';

// Every migration, in order. Generated with `npm run migration:create -w @jobcenter-hub/programmes`,
// committed, never edited after it lands.
export const migrations = [
  { name: 'Migration20261125125017', class: Migration20261125125017 },
  { name: 'Migration20261125131248', class: Migration20261125131248 },
  { name: 'Migration20261125135247', class: Migration20261125135247 },
  { name: 'Migration20261206030000_reference_owners', class: Migration20261206030000_reference_owners },
];
