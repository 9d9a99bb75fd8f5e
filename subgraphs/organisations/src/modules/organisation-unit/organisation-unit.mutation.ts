import { assertCanWrite, badUserInput, ErrorCode } from '@jobcenter-hub/service';
import {
  applyChanges,
  assertNotOwnAncestor,
  AuditAction,
  createRecord,
  findReferenced,
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

/** An existing, not archived unit of `organisationId`, or BAD_USER_INPUT naming the field. */
async function parentRef(em: EntityManager, id: string | null | undefined, organisationId: string, field: string) {
  const parent = await findReferenced(em, OrganisationUnit, 'unit', id, field);
  if (parent && parent.organisation.id !== organisationId)
    throw badUserInput(field, `unit ${JSON.stringify(id)} belongs to another organisation`);
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
      const organisation = await findReferenced(em, Organisation, 'organisation', input.organisationId, 'input.organisationId');
      // A unit changes what its organisation shows (`units`): only who may edit the organisation adds one.
      assertCanWrite(ctx.caller, organisation.ownerId);
      return em.create(OrganisationUnit, {
        id,
        ownerId,
        source,
        organisation,
        parent: (await parentRef(em, input.parentId, organisation.id, 'input.parentId')) ?? undefined,
        name: input.name,
        kind: input.kind,
        teamFunction: input.teamFunction,
        employer: (await findReferenced(em, Organisation, 'organisation', input.employerId, 'input.employerId')) ?? undefined,
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
      const parent = await parentRef(em, input.parentId, record.organisation.id, 'input.parentId');
      await assertNotOwnAncestor(em, OrganisationUnit, 'unit', record.id, parent, 'input.parentId');
      applyChanges(record, {
        name: input.name,
        kind: input.kind,
        teamFunction: input.teamFunction,
        parent,
        employer: await findReferenced(em, Organisation, 'organisation', input.employerId, 'input.employerId'),
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
