import { badUserInput, ErrorCode } from '@jobcenter-hub/service';
import {
  applyChanges,
  assertNotOwnAncestor,
  AuditAction,
  createRecord,
  assertReference,
  findReferenced,
  findReferencedGranted,
  referenceStateOf,
  newRecordBasics,
  provenanceOf,
  updateRecord,
} from '@jobcenter-hub/subgraph';
import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { OrganisationsContext } from '../../context';
import { Organisation } from '../organisation/organisation.entity';
import { type TeamFunction, OrganisationUnit, UnitKind } from './organisation-unit.entity';
import { CreateOrganisationUnitInput, UpdateOrganisationUnitInput } from './organisation-unit.input';

/** What a unit names: the owner's own, or granted by the target's owner (the target lists or shows the unit). */
const ORGANISATION = { type: 'Organisation', label: 'organisation', field: 'input.organisationId' } as const;
const EMPLOYER = { type: 'Organisation', label: 'organisation', field: 'input.employerId' } as const;
const PARENT = { type: 'OrganisationUnit', label: 'unit', field: 'input.parentId' } as const;

/**
 * A unit's parent: a known, live unit of the same organisation (BAD_USER_INPUT naming the field
 * otherwise), then the owner's own or granted by the parent's owner (FORBIDDEN).
 */
async function parentRef(
  ctx: OrganisationsContext,
  em: EntityManager,
  id: string | null | undefined,
  organisationId: string,
  ownerId: string,
) {
  const parent = await findReferenced(em, OrganisationUnit, PARENT.label, id, PARENT.field);
  if (!parent) return parent;
  if (parent.organisation.id !== organisationId)
    throw badUserInput(PARENT.field, `unit ${JSON.stringify(id)} belongs to another organisation`);
  await assertReference(ctx, { ...PARENT, id: parent.id }, ownerId, referenceStateOf(parent));
  return parent;
}

function assertTeamFunctionFits(kind: UnitKind, teamFunction: TeamFunction | null | undefined, field: string): void {
  if (teamFunction && kind !== UnitKind.TEAM) throw badUserInput(field, 'a team function is only for units of kind TEAM');
}

@Resolver(() => OrganisationUnit)
export class OrganisationUnitMutations {
  @Mutation(() => OrganisationUnit, {
    description: 'Adds a unit to an organisation (editors of the organisation, for it as the owner; admins for any).',
  })
  createOrganisationUnit(
    @Arg('input', () => CreateOrganisationUnitInput) input: CreateOrganisationUnitInput,
    @Ctx() ctx: OrganisationsContext,
  ): Promise<OrganisationUnit> {
    const { id, ownerId, source } = newRecordBasics(ctx.caller, input);
    return createRecord(ctx, 'OrganisationUnit', ownerId, async (em) => {
      assertTeamFunctionFits(input.kind, input.teamFunction, 'input.teamFunction');
      if (input.parentId === id) throw badUserInput('input.parentId', 'a unit cannot be its own parent');
      // A unit changes what its organisation shows (`units`): the organisation's owner's own units, or
      // units of an owner it grants references. Every reference is checked before anything is written.
      const organisation = await findReferencedGranted(ctx, em, Organisation, ORGANISATION, input.organisationId, ownerId);
      const parent = await parentRef(ctx, em, input.parentId, organisation.id, ownerId);
      const employer = await findReferencedGranted(ctx, em, Organisation, EMPLOYER, input.employerId, ownerId);
      return em.create(OrganisationUnit, {
        id,
        ownerId,
        source,
        organisation,
        parent: parent ?? undefined,
        name: input.name,
        kind: input.kind,
        teamFunction: input.teamFunction,
        employer: employer ?? undefined,
      });
    });
  }

  @Mutation(() => OrganisationUnit, { description: 'Changes a unit if `version` is still current (editors of its owner, admins).' })
  updateOrganisationUnit(
    @Arg('input', () => UpdateOrganisationUnitInput) input: UpdateOrganisationUnitInput,
    @Ctx() ctx: OrganisationsContext,
  ): Promise<OrganisationUnit> {
    return updateRecord(ctx, OrganisationUnit, 'OrganisationUnit', input.id, input.version, async (record, em) => {
      // Checked on the values the record will have, before anything on it changes.
      const kind = input.kind ?? record.kind;
      const teamFunction = input.teamFunction === undefined ? record.teamFunction : input.teamFunction;
      assertTeamFunctionFits(kind, teamFunction, input.teamFunction === undefined ? 'input.kind' : 'input.teamFunction');
      const parent = await parentRef(ctx, em, input.parentId, record.organisation.id, record.ownerId);
      await assertNotOwnAncestor(em, OrganisationUnit, 'unit', record.id, parent, 'input.parentId');
      const employer = await findReferencedGranted(ctx, em, Organisation, EMPLOYER, input.employerId, record.ownerId);
      applyChanges(record, {
        name: input.name,
        kind: input.kind,
        teamFunction: input.teamFunction,
        parent,
        employer,
        source: provenanceOf(input.source),
      });
    });
  }

  @Mutation(() => OrganisationUnit, {
    description: 'Archives a unit: it leaves every list and keeps its history. Units below it must be archived or moved first.',
  })
  archiveOrganisationUnit(
    @Arg('version', () => Int) version: number,
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: OrganisationsContext,
  ): Promise<OrganisationUnit> {
    return updateRecord(
      ctx,
      OrganisationUnit,
      'OrganisationUnit',
      id,
      version,
      async (record, em) => {
        const below = await em.count(OrganisationUnit, { parent: record.id });
        if (below > 0) {
          throw new GraphQLError(`unit ${JSON.stringify(id)} still has ${below} units below it; archive or move them first`, {
            extensions: { code: ErrorCode.Conflict },
          });
        }
        record.archivedAt = ctx.now;
      },
      AuditAction.ARCHIVE,
    );
  }
}
