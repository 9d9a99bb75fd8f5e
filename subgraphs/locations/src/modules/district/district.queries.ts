import { raw } from '@mikro-orm/core';

/**
 * `where` for the districts of a municipality: the one with official key `key` and its city districts.
 * A subquery, not `{ parent: { officialKey: key } }`: `em.find` would join the parent with the `live`
 * filter in the join, and so lose the city districts of an archived city. A raw fragment serves one
 * statement: build it per statement.
 */
export const ofMunicipality = (key: string) => ({
  $or: [
    { officialKey: key },
    { [raw((alias: string) => `${alias}.parent_id in (select p.id from district p where p.official_key = ?)`, [key])]: [] },
  ],
});
