import { badUserInput, ErrorCode } from '@jobcenter-hub/service';
import {
  applyChanges,
  archiveRecord,
  assertOwnerFollows,
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
import { OrganisationLink, type OrganisationRelation } from './organisation-link.entity';
import { CreateOrganisationLinkInput, UpdateOrganisationLinkInput } from './organisation-link.input';

/** CONFLICT when the organisation already links to `linkedId` in this way (archived links do not count). */
async function assertNoSameLink(
  em: EntityManager,
  organisationId: string,
  linkedId: string,
  relation: OrganisationRelation,
  except?: string,
) {
  const same = await em.findOne(OrganisationLink, {
    organisation: organisationId,
    linked: linkedId,
    relation,
    ...(except ? { id: { $ne: except } } : {}),
  });
  if (same) {
    throw new GraphQLError(`${organisationId} already has a ${relation} link to ${linkedId}: ${JSON.stringify(same.id)}`, {
      extensions: { code: ErrorCode.Conflict, existingId: same.id },
    });
  }
}

@Resolver(() => OrganisationLink)
export class OrganisationLinkMutations {
  @Mutation(() => OrganisationLink, {
    description:
      "Links an organisation to another one (editors of the first organisation's owner, which owns the link; admins for any). A GRANTS_REFERENCES link lets records of the linked organisation point at the first organisation's units, sites, districts and partners; archiving it revokes that.",
  })
  createOrganisationLink(
    @Arg('input', () => CreateOrganisationLinkInput) input: CreateOrganisationLinkInput,
    @Ctx() ctx: OrganisationsContext,
  ): Promise<OrganisationLink> {
    const { id, ownerId, source } = newRecordBasics(ctx.caller, input);
    return createRecord(ctx, 'OrganisationLink', ownerId, async (em) => {
      if (input.linkedId === input.organisationId) throw badUserInput('input.linkedId', 'an organisation cannot be linked to itself');
      const organisation = await findReferenced(em, Organisation, 'organisation', input.organisationId, 'input.organisationId');
      // The link shows in the organisation's `linkedOrganisations`, and a GRANTS_REFERENCES link speaks for
      // it: the link's owner is the organisation's owner (only an admin may name another).
      assertOwnerFollows(ctx.caller, ownerId, {
        ownerId: organisation.ownerId,
        field: 'input.organisationId',
        what: `organisation ${JSON.stringify(organisation.id)}`,
      });
      // The linked organisation must exist and be live, but needs to grant nothing: a link shows only in
      // its publisher's own `linkedOrganisations`, never in the linked organisation's lists.
      const linked = await findReferenced(em, Organisation, 'organisation', input.linkedId, 'input.linkedId');
      await assertNoSameLink(em, organisation.id, linked.id, input.relation);
      return em.create(OrganisationLink, { id, ownerId, source, organisation, linked, relation: input.relation, since: input.since });
    });
  }

  @Mutation(() => OrganisationLink, { description: 'Changes a link if `version` is still current (editors of its owner, admins).' })
  updateOrganisationLink(
    @Arg('input', () => UpdateOrganisationLinkInput) input: UpdateOrganisationLinkInput,
    @Ctx() ctx: OrganisationsContext,
  ): Promise<OrganisationLink> {
    return updateRecord(ctx, OrganisationLink, 'OrganisationLink', input.id, input.version, async (record, em) => {
      if (input.relation && input.relation !== record.relation) {
        await assertNoSameLink(em, record.organisation.id, record.linked.id, input.relation, record.id);
      }
      applyChanges(record, {
        relation: input.relation,
        since: input.since,
        source: provenanceOf(input.source),
      });
    });
  }

  @Mutation(() => OrganisationLink, { description: 'Archives a link: it leaves `linkedOrganisations` and keeps its history.' })
  archiveOrganisationLink(
    @Arg('version', () => Int) version: number,
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: OrganisationsContext,
  ): Promise<OrganisationLink> {
    return archiveRecord(ctx, OrganisationLink, 'OrganisationLink', id, version);
  }
}
