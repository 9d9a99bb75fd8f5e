import { type Caller, ErrorCode } from '@jobcenter-hub/service';
import {
  applyChanges,
  archiveRecord,
  assertNotOwnAncestor,
  createRecord,
  findReferencedGranted,
  newRecordBasics,
  pickFields,
  provenanceOf,
  updateRecord,
} from '@jobcenter-hub/subgraph';
import { GraphQLError } from 'graphql';
import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { OrganisationsContext } from '../../context';
import { Organisation } from './organisation.entity';
import { CreateOrganisationInput, UpdateOrganisationInput } from './organisation.input';

/** The fields create and update take as sent; `kind` (create only) and `parentId` (a reference) are handled apart. */
const ORGANISATION_FIELDS = ['name', 'jobcenterModel', 'municipalityKeys', 'managingDirector'] as const;

/**
 * An organisation's municipality keys decide which areas it serves or governs: which Jobcenter is
 * responsible for which Kreis or Gemeinde (`District.jobcenter`, `organisations(municipalityKey:)`).
 * Only the hub's administrators set them; an editor may send them unchanged (a form that sends every
 * field), anything else is FORBIDDEN naming the field.
 */
function assertMayChangeMunicipalityKeys(caller: Caller, keys: string[] | undefined, current: readonly string[]): void {
  if (keys === undefined || (caller.kind === 'user' && caller.roles.has('admin'))) return;
  const sorted = [...current].sort();
  const same = keys.length === current.length && [...keys].sort().every((key, i) => key === sorted[i]);
  if (same) return;
  throw new GraphQLError(
    "input.municipalityKeys: only the hub's administrators set the municipality keys of an organisation (they decide which Jobcenter serves which area)",
    { extensions: { code: ErrorCode.Forbidden, argument: 'input.municipalityKeys' } },
  );
}

/** An organisation's parent: the owner's own or granted by the parent's owner (the parent shows it as belonging to it). */
const PARENT = { type: 'Organisation', label: 'organisation', field: 'input.parentId' } as const;

@Resolver(() => Organisation)
export class OrganisationMutations {
  @Mutation(() => Organisation, { description: 'Publishes a new organisation (editors for their own organisation, admins for any).' })
  createOrganisation(
    @Arg('input', () => CreateOrganisationInput) input: CreateOrganisationInput,
    @Ctx() ctx: OrganisationsContext,
  ): Promise<Organisation> {
    const { id, ownerId, source } = newRecordBasics(ctx.caller, input);
    return createRecord(ctx, 'Organisation', ownerId, async (em) => {
      assertMayChangeMunicipalityKeys(ctx.caller, input.municipalityKeys, []);
      const parent = await findReferencedGranted(ctx, em, Organisation, PARENT, input.parentId, ownerId);
      return em.create(Organisation, {
        ...pickFields(input, ORGANISATION_FIELDS),
        id,
        ownerId,
        source,
        kind: input.kind,
        municipalityKeys: input.municipalityKeys ?? [],
        parent,
      });
    });
  }

  @Mutation(() => Organisation, { description: 'Changes an organisation if `version` is still current (editors of its owner, admins).' })
  updateOrganisation(
    @Arg('input', () => UpdateOrganisationInput) input: UpdateOrganisationInput,
    @Ctx() ctx: OrganisationsContext,
  ): Promise<Organisation> {
    return updateRecord(ctx, Organisation, 'Organisation', input.id, input.version, async (record, em) => {
      assertMayChangeMunicipalityKeys(ctx.caller, input.municipalityKeys, record.municipalityKeys);
      const parent = await findReferencedGranted(ctx, em, Organisation, PARENT, input.parentId, record.ownerId);
      await assertNotOwnAncestor(em, Organisation, 'organisation', record.id, parent, 'input.parentId');
      applyChanges(record, { ...pickFields(input, ORGANISATION_FIELDS), parent, source: provenanceOf(input.source) });
    });
  }

  @Mutation(() => Organisation, { description: 'Archives an organisation: it leaves every list and keeps its history.' })
  archiveOrganisation(
    @Arg('version', () => Int) version: number,
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: OrganisationsContext,
  ): Promise<Organisation> {
    return archiveRecord(ctx, Organisation, 'Organisation', id, version);
  }
}
