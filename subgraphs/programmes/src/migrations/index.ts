import { Migration20261125125017 } from './Migration20261125125017';

// Every migration, in order. Generated with `npm run migration:create -w @jobcenter-hub/programmes`,
// committed, never edited after it lands.
export const migrations = [{ name: 'Migration20261125125017', class: Migration20261125125017 }];
