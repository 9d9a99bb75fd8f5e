import { Migration20261125124606 } from './Migration20261125124606';
import { Migration20261125131936_links_search } from './Migration20261125131936_links_search';
import { Migration20261125134629 } from './Migration20261125134629';
import { Migration20261125140720_links_unique_in_use } from './Migration20261125140720_links_unique_in_use';
import { Migration20261206020000_grants_references } from './Migration20261206020000_grants_references';
import { Migration20261206020100_demo_grants } from './Migration20261206020100_demo_grants';

// Every migration, in order. Generated with `npm run migration:create -w @jobcenter-hub/organisations`,
// committed, never edited after it lands.
export const migrations = [
  { name: 'Migration20261125124606', class: Migration20261125124606 },
  { name: 'Migration20261125131936_links_search', class: Migration20261125131936_links_search },
  { name: 'Migration20261125134629', class: Migration20261125134629 },
  { name: 'Migration20261125140720_links_unique_in_use', class: Migration20261125140720_links_unique_in_use },
  { name: 'Migration20261206020000_grants_references', class: Migration20261206020000_grants_references },
  { name: 'Migration20261206020100_demo_grants', class: Migration20261206020100_demo_grants },
];
