import { createConnectionType, type Page, type PageArgs, paginateArray, readPageArgs } from '@jobcenter-hub/subgraph';
import { Intake } from './intake.entity';
import { type IntakeFilter, selectIntakes } from './intake.queries';

export const IntakeConnection = createConnectionType('Intake', Intake);

/** The cursor order of every intake list: by start date, then id. */
const intakeSortKey = (intake: Intake) => [intake.startsOn, intake.id];

/**
 * A page of upcoming intakes whose loader fetched the whole group for every parent in one statement.
 * `page` is checked before `load` runs, so bad input sends no SQL.
 */
export async function pageOfIntakes(
  page: PageArgs | undefined,
  load: () => Promise<Intake[]>,
  filter: IntakeFilter,
): Promise<Page<Intake>> {
  readPageArgs(page, 2);
  return paginateArray(selectIntakes(await load(), filter), page, intakeSortKey);
}
