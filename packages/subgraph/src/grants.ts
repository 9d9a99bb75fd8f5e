import { grantKey, type References } from './remote-references';

// References between publishers at read time (docs/security.md "References between publishers"): a
// list shows a record through a reference to another organisation's record only while that
// organisation grants references to the record's owner. Each referencing row stores its target's owner
// (written at write time), so the rule is a condition in SQL: `owner = target owner, or the pair
// 'target owner>owner' is one of the live grants` — the grants travel as one text[] parameter, so the
// statement stays the same whatever their number.

/**
 * The owner of the public reference layer's districts (Germany's Länder, Kreise and Gemeinden from the
 * municipality register, written by `npm run data:import`). It is no organisation and grants nothing:
 * what is merely *in* such a district (a site, a partner serving it) needs no grant; see each
 * subgraph's rule for what more it allows.
 */
export const REFERENCE_LAYER_OWNER = 'destatis';

/** A list of texts as a PostgreSQL array literal, each element quoted. */
export function textArray(values: readonly string[]): string {
  return `{${values.map((value) => JSON.stringify(value)).join(',')}}`;
}

/**
 * The live grants of a request (`ctx.references.grants()`), as a set for checks in code and as one
 * PostgreSQL text[] literal for a `?::text[]` parameter. Also a loader filter (`perFilter`): its JSON is a
 * short name of its own, so the loaders of a request are told apart without printing every grant.
 */
export class Grants {
  private static readonly bySet = new WeakMap<ReadonlySet<string>, Grants>();
  private static made = 0;
  readonly param: string;
  private readonly name: string;

  private constructor(readonly set: ReadonlySet<string>) {
    this.param = textArray([...set].sort());
    this.name = `grants-${(Grants.made += 1)}`;
  }

  /**
   * The grants of this request (cached briefly across requests): SERVICE_UNAVAILABLE when the
   * organisations subgraph cannot say. One `Grants` per answer, however many fields ask.
   */
  static async of(ctx: { references: References }): Promise<Grants> {
    const set = await ctx.references.grants();
    let grants = Grants.bySet.get(set);
    if (!grants) {
      grants = new Grants(set);
      Grants.bySet.set(set, grants);
    }
    return grants;
  }

  /** Whether a row owned by `ownerId` may show its reference to a record owned by `targetOwnerId`. */
  allows(ownerId: string, targetOwnerId: string | null | undefined): boolean {
    return !!targetOwnerId && (targetOwnerId === ownerId || this.set.has(grantKey(targetOwnerId, ownerId)));
  }

  toJSON(): string {
    return this.name;
  }
}

/** SQL: the reference of a row owned by `owner` to a record owned by `targetOwner` is own or granted (one `?::text[]`: the grants). */
export const grantedSql = (owner: string, targetOwner: string) =>
  `(${targetOwner} = ${owner} or ${targetOwner} || '>' || ${owner} = any(?::text[]))`;
