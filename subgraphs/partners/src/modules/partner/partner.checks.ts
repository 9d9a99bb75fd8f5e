import { badUserInput } from '@jobcenter-hub/service';

/** What `partners(openNow:, openAt:)` asks: partners meeting at `instant` (`open`) or the others. */
export interface OpenFilter {
  instant: Date;
  open: boolean;
  /** Asked about the request's "now" (`openNow`): the answer changes with the clock. */
  live: boolean;
}

/**
 * Checks `openNow` and `openAt` before any query runs: at most one of them; `openNow` asks about the
 * request's `now`. `undefined` when neither is given.
 */
export function readOpenFilter(openNow: boolean | undefined | null, openAt: Date | undefined | null, now: Date): OpenFilter | undefined {
  if (openAt && openNow != null) throw badUserInput('openAt', 'give either openNow or openAt, not both');
  if (openAt) return { instant: openAt, open: true, live: false };
  if (openNow != null) return { instant: now, open: openNow, live: true };
  return undefined;
}
