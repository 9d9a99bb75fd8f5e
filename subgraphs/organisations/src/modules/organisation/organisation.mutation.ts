import {
  applyChanges,
  archiveRecord,
  assertNotOwnAncestor,
  createRecord,
  findReferenced,
  newRecordBasics,
  pickFields,
  provenanceOf,
  updateRecord,
} from '@jobcenter-hub/subgraph';
import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { OrganisationsContext } from '../../context';
import { Organisation } from './organisation.entity';
import { CreateOrganisationInput, UpdateOrganisationInput } from './organisation.input';

/** The fields create and update take as sent; `kind` (create only) and `parentId` (a reference) are handled apart. */
const ORGANISATION_FIELDS = ['name', 'jobcenterModel', 'municipalityKeys', 'managingDirector'] as const;

@Resolver(() => Organisation)
export class OrganisationMutations {
  @Mutation(() => Organisation, { description: 'Publishes a new organisation (editors for their own organisation, admins for any).' })
  createOrganisation(
    @Arg('input', () => CreateOrganisationInput) input: CreateOrganisationInput,
    @Ctx() ctx: OrganisationsContext,
  ): Promise<Organisation> {
    const { id, ownerId, source } = newRecordBasics(ctx.caller, input);
    return createRecord(ctx, 'Organisation', ownerId, async (em) =>
      em.create(Organisation, {
        ...pickFields(input, ORGANISATION_FIELDS),
        id,
        ownerId,
        source,
        kind: input.kind,
        municipalityKeys: input.municipalityKeys ?? [],
        parent: await findReferenced(em, Organisation, 'organisation', input.parentId, 'input.parentId'),
      }),
    );
  }

  @Mutation(() => Organisation, { description: 'Changes an organisation if `version` is still current (editors of its owner, admins).' })
  updateOrganisation(
    @Arg('input', () => UpdateOrganisationInput) input: UpdateOrganisationInput,
    @Ctx() ctx: OrganisationsContext,
  ): Promise<Organisation> {
    return updateRecord(ctx, Organisation, 'Organisation', input.id, input.version, async (record, em) => {
      const parent = await findReferenced(em, Organisation, 'organisation', input.parentId, 'input.parentId');
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
