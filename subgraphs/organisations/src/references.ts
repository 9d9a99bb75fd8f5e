import { badUserInput } from '@jobcenter-hub/service';
import type { EntityClass, EntityManager } from '@mikro-orm/postgresql';

/**
 * The record of this subgraph that a reference in an input names (`field`, e.g. `input.parentId`), loaded:
 * BAD_USER_INPUT when there is none or it is archived (a new reference to an archived record would point
 * at something every list leaves out). `undefined` and `null` pass through: "not sent" and "clear".
 */
export async function referencedRecord<T extends { id: string; archivedAt?: Date }>(
  em: EntityManager,
  entity: EntityClass<T>,
  label: string,
  id: string | null | undefined,
  field: string,
): Promise<T | null | undefined> {
  if (id === null || id === undefined) return id;
  const record = (await em.findOne(entity, { id } as never)) as T | null;
  if (!record) throw badUserInput(field, `no ${label} ${JSON.stringify(id)}`);
  if (record.archivedAt) throw badUserInput(field, `${label} ${JSON.stringify(id)} is archived`);
  return record;
}

/**
 * Refuses a parent that would make `id` its own ancestor (itself, or a record below it): the hierarchy
 * must stay a tree, or every walk up it would loop. Hierarchies are a few levels deep: one statement each.
 */
export async function assertNotOwnAncestor<T extends { id: string; parent?: T | null }>(
  em: EntityManager,
  entity: EntityClass<T>,
  label: string,
  id: string,
  parent: T | null | undefined,
  field: string,
): Promise<void> {
  const seen = new Set<string>();
  for (let current = parent ?? null; current;) {
    if (current.id === id) throw badUserInput(field, `${label} ${JSON.stringify(id)} cannot be its own parent, nor below itself`);
    if (seen.has(current.id)) return; // an existing loop elsewhere is not this change's doing
    seen.add(current.id);
    const parentId: string | undefined = current.parent?.id;
    current = parentId ? ((await em.findOne(entity, { id: parentId } as never)) as T | null) : null;
  }
}
