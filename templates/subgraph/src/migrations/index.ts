import { __migration__ } from './__migration__';

// Every migration, in order. Generated with `npm run migration:create -w @jobcenter-hub/__name__`,
// committed, never edited after it lands.
export const migrations = [{ name: '__migration__', class: __migration__ }];
