import { badUserInput } from '@jobcenter-hub/service';
import type { EntityClass, EntityManager } from '@mikro-orm/postgresql';
import { assertReference, type References, type ReferenceType, referenceStateOf } from './remote-references';
import { WITH_ARCHIVED } from './soft-delete';

/**
 * The record of this subgraph that a reference in an input names (`field`, e.g. `'input.parentId'`),
 * loaded: BAD_USER_INPUT naming the field when there is none or it is archived (a new reference to an
 * archived record would point at something every list leaves out). `undefined` and `null` pass
 * through unchanged: "not sent" and "clear" in an update input.
 *
 * @param label the type as a reader says it, for the message: `'organisation'`, `'district'`.
 */
export async function findReferenced<T extends { id: string; archivedAt?: Date | null }, I extends string | null | undefined>(
  em: EntityManager,
  entity: EntityClass<T>,
  label: string,
  id: I,
  field: string,
): Promise<T | Exclude<I, string>> {
  if (id === null || id === undefined) return id as Exclude<I, string>;
  // Archived records are looked up too, so the client hears why the reference is refused.
  const record = (await em.findOne(entity, { id } as never, WITH_ARCHIVED as never)) as T | null;
  if (!record) throw badUserInput(field, `no ${label} ${JSON.stringify(id)}`);
  if (record.archivedAt) throw badUserInput(field, `${label} ${JSON.stringify(id)} is archived`);
  return record;
}

/**
 * `findReferenced` for a reference that may name another publisher's record of this subgraph (a unit's
 * organisation, an organisation's parent): loaded, known and live (BAD_USER_INPUT), and then the
 * write-time rule of references between publishers (`assertReference`): the target is owned by
 * `recordOwnerId` (the written record's owner) or its owner grants it references, else FORBIDDEN naming
 * `field` and the target's owner. Records of other subgraphs are checked with `assertReference` alone.
 */
export async function findReferencedGranted<
  T extends { id: string; ownerId: string; archivedAt?: Date | null },
  I extends string | null | undefined,
>(
  ctx: { references: References },
  em: EntityManager,
  entity: EntityClass<T>,
  target: { type: ReferenceType; label: string; field: string },
  id: I,
  recordOwnerId: string,
): Promise<T | Exclude<I, string>> {
  const record = await findReferenced(em, entity, target.label, id, target.field);
  if (record !== null && record !== undefined && typeof id === 'string') {
    await assertReference(ctx, { ...target, id }, recordOwnerId, referenceStateOf(record as T));
  }
  return record;
}

/**
 * Refuses a parent that would make record `id` its own ancestor (itself, or a record below it), with
 * BAD_USER_INPUT naming `field`: a hierarchy must stay a tree, or every walk up it would loop.
 * Hierarchies here are a few levels deep: one statement per level. A loop already in the data, not
 * through `id`, ends the walk: it is not this change's doing.
 *
 * @param id the record that gets the new parent (for a create: the id it will have, if known).
 * @param parent the proposed parent, loaded (e.g. by `findReferenced`); `null`/`undefined` pass.
 */
export async function assertNotOwnAncestor<T extends { id: string; parent?: { id: string } | null }>(
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
    if (seen.has(current.id)) return;
    seen.add(current.id);
    const parentId: string | undefined = current.parent?.id;
    // Archived ancestors still count: unarchiving one must not close a loop.
    current = parentId ? ((await em.findOne(entity, { id: parentId } as never, WITH_ARCHIVED as never)) as T | null) : null;
  }
}
