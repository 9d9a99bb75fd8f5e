import * as kit from '@jobcenter-hub/kit';
import type { AuditAction, PublishedEntity, WriteContext } from '@jobcenter-hub/kit';
import type { EntityClass, EntityManager } from '@mikro-orm/postgresql';

/** A record of this subgraph: its entities name their defaulted properties (`PublishedEntity<'postcodes'>`). */
type Published = PublishedEntity<string> & { id: string };

// The kit's writers, unchanged at run time, typed for entities with optional properties: the kit's own
// signatures accept `PublishedEntity<never>` only, which no entity here is. (Kit fix: `PublishedEntity<string>`.)

export const createRecord = kit.createRecord as unknown as <T extends Published>(
  ctx: WriteContext,
  typeName: string,
  ownerId: string,
  build: (em: EntityManager) => T | Promise<T>,
) => Promise<T>;

export const updateRecord = kit.updateRecord as unknown as <T extends Published>(
  ctx: WriteContext,
  entity: EntityClass<T>,
  typeName: string,
  id: string,
  version: number,
  apply: (record: T, em: EntityManager) => void | Promise<void>,
  action?: AuditAction,
) => Promise<T>;

export const archiveRecord = kit.archiveRecord as unknown as <T extends Published>(
  ctx: WriteContext,
  entity: EntityClass<T>,
  typeName: string,
  id: string,
  version: number,
) => Promise<T>;
