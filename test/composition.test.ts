import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Composition, composeSupergraph } from '../scripts/src/compose';
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
