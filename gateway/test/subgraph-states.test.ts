import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSupergraphConfig } from '../../scripts/src/lib/supergraph-config';
import { expectedOfSubgraphs, offeredBySdl, sdlDrift } from '../src/subgraph-states';

const SCHEMA = join(__dirname, '..', '..', 'schema');
const supergraph = readFileSync(join(SCHEMA, 'supergraph.graphql'), 'utf8');
const subgraphs = readSupergraphConfig(join(SCHEMA, 'supergraph.yaml')).subgraphs;
const expected = expectedOfSubgraphs(supergraph);

describe('SDL drift: what the supergraph expects of each subgraph against what its SDL offers', () => {
  it('finds none between the committed supergraph and each committed subgraph SDL', () => {
    expect([...expected.keys()].sort()).toEqual(subgraphs.map((subgraph) => subgraph.name).sort());
    for (const subgraph of subgraphs) {
      const wanted = expected.get(subgraph.name)!;
      expect({ subgraph: subgraph.name, some: wanted.size > 10 }).toEqual({ subgraph: subgraph.name, some: true });
      const drift = sdlDrift(wanted, offeredBySdl(readFileSync(subgraph.schemaFile, 'utf8')));
      expect({ subgraph: subgraph.name, drift }).toEqual({ subgraph: subgraph.name, drift: [] });
    }
  });

  it('names a removed field, a changed type and a removed enum value of the subgraph that owns them', () => {
    const partners = readFileSync(subgraphs.find((subgraph) => subgraph.name === 'partners')!.schemaFile, 'utf8');
    expect(partners).toMatch(/^\s+name: String!$/m);
    expect(expected.get('partners')!.get('Partner.name')).toBe('String!');
    const changed = partners.replace(/^(type Partner\b[^{]*\{[\s\S]*?)^\s+name: String!$/m, '$1  name: String');
    expect(sdlDrift(expected.get('partners')!, offeredBySdl(changed))).toEqual(['Partner.name: String (the supergraph has String!)']);
    const removed = partners.replace(/^(type Partner\b[^{]*\{[\s\S]*?)^\s+name: String!$/m, '$1');
    expect(sdlDrift(expected.get('partners')!, offeredBySdl(removed))).toEqual(['Partner.name: missing']);
    // A value of an enum only partners defines.
    const enumValue = [...expected.get('partners')!].find(
      ([key, what]) => what === 'enum value' && [...expected].every(([name, wanted]) => name === 'partners' || !wanted.has(key)),
    )![0];
    const [enumName, value] = enumValue.split('.') as [string, string];
    const withoutValue = partners.replace(new RegExp(`^(enum ${enumName}\\b[^{]*\\{[\\s\\S]*?)^\\s+${value}\\b.*$`, 'm'), '$1');
    expect(sdlDrift(expected.get('partners')!, offeredBySdl(withoutValue))).toEqual([`${enumValue}: missing`]);
    // What the subgraph adds beyond the supergraph is no drift.
    expect(sdlDrift(expected.get('partners')!, offeredBySdl(`${partners}\nextend type Partner { extra: Int }\n`))).toEqual([]);
  });
});
