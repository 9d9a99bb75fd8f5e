import type { EmbeddedDatabase } from '../../scripts/src/lib/embedded-db';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __hubTestDatabase?: EmbeddedDatabase }).__hubTestDatabase?.stop();
}
