import { buildFederatedSchema, createAuditTrailResolver } from '@jobcenter-hub/subgraph';
import type { GraphQLSchema } from 'graphql';
import type { __Name__Context } from './context';
import { District__Name__Resolver, resolveDistrictReference } from './modules/district/district.resolver';
import { DistrictStub } from './modules/district/district.stub';
import { __Entity__Mutations } from './modules/__entityFile__/__entityFile__.mutation';
import { __Entity__Resolver, resolve__Entity__Reference } from './modules/__entityFile__/__entityFile__.resolver';
import { Partner__Name__Resolver, resolvePartnerReference } from './modules/partner/partner.resolver';
import { PartnerStub } from './modules/partner/partner.stub';

export function build__Name__Schema(): Promise<GraphQLSchema> {
  return buildFederatedSchema<__Name__Context>(
    {
      resolvers: [
        __Entity__Resolver,
        __Entity__Mutations,
        District__Name__Resolver,
        Partner__Name__Resolver,
        // `__nameCamel__AuditTrail`: who changed which record, for admins.
        createAuditTrailResolver('__nameCamel__'),
      ],
      // District (locations subgraph) and Partner (partners subgraph) are extended here through stubs that
      // only federation reaches: listed, or type-graphql drops them silently.
      orphanedTypes: [DistrictStub, PartnerStub],
      validate: true,
    },
    {
      __Entity__: { __resolveReference: resolve__Entity__Reference },
      District: { __resolveReference: resolveDistrictReference },
      Partner: { __resolveReference: resolvePartnerReference },
    },
  );
}
