/**
 * One loader per distinct filter of the request, created on first use: the statements a request sends
 * grow with the different argument sets written in the operation, never with the number of parents.
 */
export function perFilter<F, L>(create: (filter: F) => L): (filter: F) => L {
  const loaders = new Map<string, L>();
  return (filter) => {
    const key = JSON.stringify(filter);
    let loader = loaders.get(key);
    if (!loader) {
      loader = create(filter);
      loaders.set(key, loader);
    }
    return loader;
  };
}
