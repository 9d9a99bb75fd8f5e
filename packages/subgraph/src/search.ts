import { raw } from '@mikro-orm/core';
import { badUserInput } from '@jobcenter-hub/service';

/**
 * SQL that every subgraph with text search installs in a migration: `pg_trgm`, `unaccent`, and
 * `hub_fold(text)`, which folds German spelling variants to one form so that `Münster` = `Munster` =
 * `Muenster` and `Straße` = `Strasse`: lower case, ß → ss, ä/ö/ü and ae/oe/ue → a/o/u, other accents
 * removed. It is IMMUTABLE so trigram indexes can be built on `hub_fold(name)`.
 *
 * A migration writes these statements out (a copy, not an import): a migration already applied
 * somewhere must do the same on a new database tomorrow. Changing hub_fold means a new migration.
 */
export const TEXT_SEARCH_SQL: readonly string[] = [
  'create extension if not exists pg_trgm',
  'create extension if not exists unaccent',
  `create or replace function hub_fold(value text) returns text
     language sql immutable strict parallel safe
     as $$ select public.unaccent('public.unaccent'::regdictionary,
       replace(replace(replace(translate(replace(lower(value), 'ß', 'ss'), 'äöü', 'aou'), 'ae', 'a'), 'oe', 'o'), 'ue', 'u')) $$`,
];

/** The trigram index that makes `matchesText` fast on `table.column`. */
export const textSearchIndexSql = (table: string, column = 'name') =>
  `create index if not exists "${table}_${column}_fold_trgm" on "${table}" using gin (hub_fold("${column}") gin_trgm_ops)`;

export const MAX_SEARCH_LENGTH = 100;

/** The description of every `search` argument, so all lists explain it alike. */
export const SEARCH_DESCRIPTION = 'Part of the name; case, umlauts and ß spelling are ignored (Münster = Munster = Muenster).';

/** Checks a search argument before any query runs; returns it trimmed. */
export function readSearch(search: string | undefined | null): string | undefined {
  if (search === undefined || search === null) return undefined;
  const trimmed = search.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_SEARCH_LENGTH) {
    throw badUserInput('search', `must have 1 to ${MAX_SEARCH_LENGTH} characters`);
  }
  return trimmed;
}

/**
 * A filter for `em.find`: the folded column contains the folded search text (case, umlaut and ß
 * insensitive), served by the trigram index. `%`, `_` and `\` in the text match themselves. It is a
 * raw fragment, good for one query: build it anew per query (see `paginateQuery`).
 */
export function matchesText(search: string, column = 'name'): Record<string, unknown> {
  const literal = search.replace(/[\\%_]/g, (char) => `\\${char}`);
  return { [raw((alias: string) => `hub_fold(${alias}.${column}) like '%' || hub_fold(?) || '%'`, [literal])]: [] };
}
