// The validators every subgraph uses (IfSent, IsCalendarDate, TIME_OF_DAY …) are @jobcenter-hub/subgraph's.

/** A phone number as people write it: digits, spaces and `+()/-`, 3 to 40 characters. */
export const PHONE = /^\+?[0-9][0-9 ()/-]{2,39}$/;
