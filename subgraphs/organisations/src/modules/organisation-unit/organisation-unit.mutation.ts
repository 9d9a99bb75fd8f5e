import { badUserInput, ErrorCode } from '@jobcenter-hub/service';
import {
  applyChanges,
  assertNotOwnAncestor,
  assertReference,
  AuditAction,
  createRecord,
  findReferenced,
  newRecordBasics,
  provenanceOf,
  referenceStateOf,
  updateRecord,
} from '@jobcenter-hub/subgraph';
import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { OrganisationsContext } from '../../context';
import { Organisation } from '../organisation/organisation.entity';
import { type TeamFunction, OrganisationUnit, UnitKind } from './organisation-unit.entity';
import { CreateOrganisationUnitInput, UpdateOrganisationUnitInput } from './organisation-unit.input';

/**
 * An existing, not archived unit of `organisationId` (BAD_USER_INPUT naming the field otherwise), the
 * unit's owner's own or granted by its owner (FORBIDDEN): the parent lists the unit among its children.
 */
async function parentRef(
  ctx: OrganisationsContext,
  em: EntityManager,
  id: string | null | undefined,
  organisationId: string,
  ownerId: string,
  field: string,
) {
  const parent = await findReferenced(em, OrganisationUnit, 'unit', id, field);
  if (parent && parent.organisation.id !== organisationId)
    throw badUserInput(field, `unit ${JSON.stringify(id)} belongs to another organisation`);
  if (parent)
    await assertReference(ctx, { type: 'OrganisationUnit', id: parent.id, label: 'unit', field }, ownerId, referenceStateOf(parent));
  return parent;
}

/**
 * An organisation a unit owned by `ownerId` names (its organisation, its employer): known and live
 * (BAD_USER_INPUT), and the owner's own or granted by the organisation's owner (FORBIDDEN).
 */
async function organisationRef<I extends string | null | undefined>(
  ctx: OrganisationsContext,
  em: EntityManager,
  id: I,
  ownerId: string,
  field: string,
): Promise<Organisation | Exclude<I, string>> {
  const organisation = await findReferenced(em, Organisation, 'organisation', id, field);
  if (organisation instanceof Organisation) {
    await assertReference(
      ctx,
      { type: 'Organisation', id: organisation.id, label: 'organisation', field },
      ownerId,
      referenceStateOf(organisation),
    );
  }
  return organisation;
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
      const organisation = await organisationRef(ctx, em, input.organisationId, ownerId, 'input.organisationId');
      const parent = await parentRef(ctx, em, input.parentId, organisation.id, ownerId, 'input.parentId');
      const employer = await organisationRef(ctx, em, input.employerId, ownerId, 'input.employerId');
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
      const parent = await parentRef(ctx, em, input.parentId, record.organisation.id, record.ownerId, 'input.parentId');
      await assertNotOwnAncestor(em, OrganisationUnit, 'unit', record.id, parent, 'input.parentId');
      const employer = await organisationRef(ctx, em, input.employerId, record.ownerId, 'input.employerId');
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
