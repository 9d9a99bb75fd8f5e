import { Migration20261125125122 } from './Migration20261125125122';
import { Migration20261125131144_meetings_search } from './Migration20261125131144_meetings_search';
import { Migration20261125135126 } from './Migration20261125135126';
import { Migration20261206030000_reference_owners } from './Migration20261206030000_reference_owners';

// Every migration, in order. Generated with `npm run migration:create -w @jobcenter-hub/partners`,
// committed, never edited after it lands.
export const migrations = [
  { name: 'Migration20261125125122', class: Migration20261125125122 },
  { name: 'Migration20261125131144_meetings_search', class: Migration20261125131144_meetings_search },
  { name: 'Migration20261125135126', class: Migration20261125135126 },
  { name: 'Migration20261206030000_reference_owners', class: Migration20261206030000_reference_owners },
];
