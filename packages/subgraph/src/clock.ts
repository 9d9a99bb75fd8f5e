import { localTime } from './schedule';

/** Where a request's "now" comes from; tests pass a fixed one to the context factory. */
export type Clock = () => Date;

/** The wall clock: the default of every context factory. */
export const systemClock: Clock = () => new Date();

/** The calendar day (Europe/Berlin, `YYYY-MM-DD`) of an instant, e.g. `today(ctx.now)` for "upcoming". */
export const today = (now: Date): string => localTime(now).date;
