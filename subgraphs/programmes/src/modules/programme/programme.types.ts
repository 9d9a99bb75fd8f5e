import { createConnectionType, type Page, type PageArgs, paginateArray, readPageArgs } from '@jobcenter-hub/subgraph';
import { Programme, type ProgrammeKind } from './programme.entity';

export const ProgrammeConnection = createConnectionType('Programme', Programme);

/** The cursor order of every programme list: by name, then id. */
export const PROGRAMME_SORT_KEYS = ['name', 'id'] as const;
const programmeSortKey = (programme: Programme) => [programme.name, programme.id];

/**
 * A page of a nested programme list (`Location.programmes`, …) whose loader fetched the whole group for
 * every parent in one statement. `page` is checked before `load` runs, so bad input sends no SQL.
 */
export async function pageOfProgrammes(
  page: PageArgs | undefined,
  load: () => Promise<Programme[]>,
  kind?: ProgrammeKind | null,
): Promise<Page<Programme>> {
  readPageArgs(page, PROGRAMME_SORT_KEYS.length);
  const programmes = await load();
  return paginateArray(kind ? programmes.filter((programme) => programme.kind === kind) : programmes, page, programmeSortKey);
}
