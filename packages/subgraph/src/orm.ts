import { type EntityManager, MikroORM, type Options, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { Constructor } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import { redactUrl } from '@jobcenter-hub/service';
import { Provenance } from './provenance';
import { PublishedEntity } from './published';
import { AuditEvent } from './records';

export interface OrmSettings {
  clientUrl: string;
  entities: Options['entities'];
  migrations: { name: string; class: Constructor<Migration> }[];
  poolMax?: number;
  debug?: boolean;
}

/**
 * The MikroORM options every subgraph uses: PostgreSQL, explicit entity classes, migrations listed in
 * code (no file globbing, so the same list runs from TypeScript and from `dist`), no global context
 * (each request forks its own EntityManager), no schema sync at run time.
 */
export function createOrmConfig(settings: OrmSettings): Options {
  return {
    driver: PostgreSqlDriver,
    clientUrl: settings.clientUrl,
    // What every subgraph stores besides its own entities: the shared base, provenance, the audit trail.
    entities: [...new Set([PublishedEntity, Provenance, AuditEvent, ...((settings.entities ?? []) as unknown[])])] as Options['entities'],
    // The `live` filter (soft-delete.ts) on a referenced entity must not silently drop the rows that
    // reference it (an organisation whose parent is archived stays listed); a query that wants that says so.
    autoJoinRefsForFilters: false,
    extensions: [Migrator],
    allowGlobalContext: false,
    forceUtcTimezone: true,
    debug: settings.debug ?? false,
    pool: { min: 0, max: settings.poolMax ?? 10, idleTimeoutMillis: 30_000 },
    driverOptions: { connection: { connectionTimeoutMillis: 5_000, statement_timeout: 15_000 } },
    migrations: {
      migrationsList: settings.migrations,
      silent: true,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      // Only for `mikro-orm migration:create` during development; running services use the list above.
      path: 'src/migrations',
      emit: 'ts',
      fileName: (timestamp: string, name?: string) => `Migration${timestamp}${name ? `_${name}` : ''}`,
    },
  };
}

/** Thrown when the configured database cannot be reached; the message is one line naming the variable. */
export class DatabaseUnreachableError extends Error {}

/**
 * Initialises the ORM and proves the connection with one query. On failure it throws a
 * `DatabaseUnreachableError` whose message names the variable and the (redacted) URL.
 */
export async function connectOrm(config: Options, variable = 'DATABASE_URL'): Promise<MikroORM> {
  let orm: MikroORM | undefined;
  try {
    orm = await MikroORM.init(config);
    await orm.em.getConnection().execute('select 1');
    return orm;
  } catch (error) {
    await orm?.close(true).catch(() => undefined);
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new DatabaseUnreachableError(`${variable}: cannot use ${redactUrl(String(config.clientUrl))}: ${reason}`);
  }
}

/** Applies every pending migration, all or nothing. Returns the names applied. */
export async function migrateUp(orm: MikroORM): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  return applied.map((migration) => migration.name);
}

/** Whether the database can answer a query now (used by `/ready`). */
export async function databaseReachable(em: EntityManager): Promise<boolean> {
  try {
    await em.getConnection().execute('select 1');
    return true;
  } catch {
    return false;
  }
}
