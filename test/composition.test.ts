import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Composition, CompositionError, composeSupergraph } from '../scripts/src/lib/compose';
import { ROOT } from './support/hub';

let composition: Composition;

beforeAll(async () => {
  composition = await composeSupergraph(ROOT);
});

describe('schema/ is the composition of the current subgraphs', () => {
  it('matches what `npm run compose` would write (run it and commit the result when this fails)', () => {
    for (const [name, sdl] of Object.entries(composition.subgraphSdl)) {
      expect({ file: `schema/${name}.graphql`, sdl: readFileSync(join(ROOT, 'schema', `${name}.graphql`), 'utf8') }).toEqual({
        file: `schema/${name}.graphql`,
        sdl,
      });
    }
    expect(readFileSync(join(ROOT, 'schema', 'supergraph.graphql'), 'utf8')).toBe(composition.supergraphSdl);
  });

  it('joins the four subgraphs, each entity keyed by id', () => {
    const { supergraphSdl } = composition;
    for (const name of ['ORGANISATIONS', 'LOCATIONS', 'PARTNERS', 'PROGRAMMES']) expect(supergraphSdl).toContain(`${name} @join__graph`);
    for (const entity of ['Organisation', 'OrganisationUnit', 'Location', 'District', 'Partner', 'Programme']) {
      expect(supergraphSdl).toMatch(new RegExp(`type ${entity}\\n(\\s+@join__type\\(graph: \\w+, key: "id"\\)\\n)+`));
    }
  });
});

describe('npm run compose on subgraphs that do not compose', () => {
  it("fails with the composer's messages", async () => {
    const { mkdtemp, mkdir, writeFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const root = await mkdtemp(join(tmpdir(), 'jobcenter-hub-compose-'));
    try {
      await mkdir(join(root, 'schema'));
      const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';
      await writeFile(
        join(root, 'schema', 'a.graphql'),
        `${link}\ntype Query { site: Site }\ntype Site @key(fields: "id") { id: ID! size: Int }\n`,
      );
      await writeFile(join(root, 'schema', 'b.graphql'), `${link}\ntype Site @key(fields: "id") { id: ID! size: String }\n`);
      await writeFile(
        join(root, 'schema', 'supergraph.yaml'),
        'federation_version: =2.14.4\nsubgraphs:\n  a:\n    routing_url: http://localhost:1/graphql\n    schema:\n      file: ./a.graphql\n  b:\n    routing_url: http://localhost:2/graphql\n    schema:\n      file: ./b.graphql\n',
      );
      const failure = await composeSupergraph(root).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(CompositionError);
      const messages = (failure as CompositionError).messages.join('\n');
      expect(messages).toContain('Site.size');
      expect(messages).toMatch(/^[A-Z_]+: /m);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
