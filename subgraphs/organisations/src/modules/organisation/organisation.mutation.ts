import { applyChanges, archiveRecord, createRecord, newRecordBasics, Provenance, updateRecord } from '@jobcenter-hub/subgraph';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { OrganisationsContext } from '../../context';
import { assertNotOwnAncestor, referencedRecord } from '../../references';
import { Organisation } from './organisation.entity';
import { CreateOrganisationInput, UpdateOrganisationInput } from './organisation.input';

/** An existing, not archived organisation, or BAD_USER_INPUT naming the field. */
export const organisationRef = (em: EntityManager, id: string | null | undefined, field: string) =>
  referencedRecord(em, Organisation, 'organisation', id, field);

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
        id,
        ownerId,
        source,
        name: input.name,
        kind: input.kind,
        jobcenterModel: input.jobcenterModel,
        municipalityKeys: input.municipalityKeys ?? [],
        managingDirector: input.managingDirector,
        parent: (await organisationRef(em, input.parentId, 'input.parentId')) ?? undefined,
      }),
    );
  }

  @Mutation(() => Organisation, { description: 'Changes an organisation if `version` is still current (editors of its owner, admins).' })
  updateOrganisation(
    @Arg('input', () => UpdateOrganisationInput) input: UpdateOrganisationInput,
    @Ctx() ctx: OrganisationsContext,
  ): Promise<Organisation> {
    return updateRecord(ctx, Organisation, 'Organisation', input.id, input.version, async (record, em) => {
      const parent = await organisationRef(em, input.parentId, 'input.parentId');
      await assertNotOwnAncestor(em, Organisation, 'organisation', record.id, parent, 'input.parentId');
      applyChanges(record, {
        name: input.name,
        jobcenterModel: input.jobcenterModel,
        municipalityKeys: input.municipalityKeys,
        managingDirector: input.managingDirector,
        parent,
        source: input.source ? new Provenance(input.source.kind, input.source.citation) : undefined,
      });
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
