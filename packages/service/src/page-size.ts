/** The largest page a client may ask for; documented on every `first` argument, counted by the gateway's cost limit. */
export const MAX_PAGE_SIZE = 100;
/** The page size when a client sends no `first`. */
export const DEFAULT_PAGE_SIZE = 20;
