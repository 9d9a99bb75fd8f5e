// Building blocks of every page: links, provenance (citations as numbered footnotes), loading and error
// states that name the part of the hub that failed.
import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { createContext, type ReactNode, useContext } from 'react';
import { label, useLanguage } from './i18n';
import { useLinkHandler } from './router';
import type { Availability, Source } from './types';

export function Link({ href, children, ...rest }: { href: string; children: ReactNode } & React.AnchorHTMLAttributes<HTMLAnchorElement>) {
  const onClick = useLinkHandler();
  return (
    <a href={href} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}

/** The citations of one page, numbered in the order the page first shows them. */
export class SourceRegistry {
  readonly entries: Source[] = [];
  number(source: Source): number {
    const index = this.entries.findIndex((entry) => entry.kind === source.kind && entry.citation === source.citation);
    if (index >= 0) return index + 1;
    this.entries.push(source);
    return this.entries.length;
  }
}

const Sources = createContext<SourceRegistry | undefined>(undefined);

export function SourcesProvider({ registry, children }: { registry: SourceRegistry; children: ReactNode }) {
  return <Sources.Provider value={registry}>{children}</Sources.Provider>;
}

/** A footnote mark: the number links to the citation below; hovering shows it; illustrative ones say so. */
export function Cite({ source }: { source: Source | null | undefined }) {
  const registry = useContext(Sources);
  const { t } = useLanguage();
  if (!source || !registry) return null;
  const n = registry.number(source);
  const kind = label(t, 'sourceKind', source.kind);
  return (
    <sup className={`cite cite-${source.kind.toLowerCase()}`}>
      <a href={`#source-${n}`} title={`${kind}: ${source.citation}`} aria-label={t.sourceRef(n, kind)} data-source-kind={source.kind}>
        {n}
        {source.kind === 'ILLUSTRATIVE' ? <span className="illustrative-tag"> {t.illustrative}</span> : null}
      </a>
    </sup>
  );
}

/** A number with its provenance; `figure` names it for tests and tools (`data-figure`, `data-value`). */
export function Figure({
  value,
  source,
  figure,
  digits,
}: {
  value: number | null | undefined;
  source?: Source | null;
  figure?: string;
  digits?: number;
}) {
  const { t, formatNumber } = useLanguage();
  if (value === null || value === undefined)
    return (
      <span className="figure" data-figure={figure}>
        {t.none}
      </span>
    );
  return (
    <>
      <span className={`figure${source?.kind === 'ILLUSTRATIVE' ? ' figure-illustrative' : ''}`} data-figure={figure} data-value={value}>
        {formatNumber(value, digits)}
      </span>
      <Cite source={source} />
    </>
  );
}

/**
 * A chart's figures as a two-column table: one row per entry (its label, then its count with `figure`
 * as the `data-figure` key), the caption hidden (the chart's heading says it).
 */
export function CountTable({
  testId,
  caption,
  heading,
  rows,
}: {
  testId: string;
  caption: string;
  /** The first column's heading; the second is `t.count`. */
  heading: string;
  rows: { key: string; label: ReactNode; count: number; figure: string }[];
}) {
  const { t } = useLanguage();
  return (
    <table className="compact" data-testid={testId}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{heading}</th>
          <th scope="col">{t.count}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.label}</th>
            <td className="number">
              <Figure value={row.count} figure={row.figure} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The page's citations, numbered, each with its kind. */
export function Footnotes({ registry }: { registry: SourceRegistry }) {
  const { t } = useLanguage();
  if (registry.entries.length === 0) return null;
  return (
    <section className="footnotes" aria-labelledby="sources-heading">
      <h2 id="sources-heading">{t.sources}</h2>
      <p className="note">{t.illustrativeNote}</p>
      <ol>
        {registry.entries.map((source, index) => (
          <li
            key={index}
            id={`source-${index + 1}`}
            className={`source source-${source.kind.toLowerCase()}`}
            data-source-kind={source.kind}
          >
            <strong>{label(t, 'sourceKind', source.kind)}</strong>: {source.citation}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function Loading() {
  const { t } = useLanguage();
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {t.loading}
    </p>
  );
}

interface GraphQLErrorLike {
  message: string;
  extensions?: Record<string, unknown>;
}

/** The subgraphs an answer's errors name (the gateway puts `extensions.subgraph` on a failed subgraph call). */
export function failedSubgraphs(errors: readonly GraphQLErrorLike[]): string[] {
  const names = new Set<string>();
  for (const error of errors) {
    // Not `serviceName`: the gateway adds that to every error a subgraph returns, a refused argument too.
    const name = error.extensions?.subgraph;
    if (typeof name === 'string') names.add(name);
  }
  return [...names].sort();
}

/** What went wrong, in words: which subgraph did not answer, the gateway, or the token; with data, that it is partial. */
export function ErrorNotice({ error, hasData }: { error: unknown; hasData: boolean }) {
  const { t } = useLanguage();
  // A request given up on purpose (the store cleared at sign-in) is no failure.
  if (!error || (error instanceof Error && error.name === 'AbortError')) return null;
  const graphQLErrors = CombinedGraphQLErrors.is(error) ? error.errors : [];
  const codes = new Set(graphQLErrors.map((entry) => entry.extensions?.code));
  const subgraphs = failedSubgraphs(graphQLErrors);
  const unauthenticated = codes.has('UNAUTHENTICATED') || (ServerError.is(error) && error.statusCode === 401);
  const lines: string[] = [];
  if (unauthenticated) lines.push(t.errorUnauthenticated);
  for (const name of subgraphs) lines.push(t.errorSubgraph(name));
  if (!unauthenticated && subgraphs.length === 0) {
    if (graphQLErrors.length > 0) for (const entry of graphQLErrors.slice(0, 3)) lines.push(t.errorOther(entry.message));
    else lines.push(t.errorGateway);
  }
  return (
    <div className="error" role="alert" data-failed-subgraphs={subgraphs.join(',')}>
      <h2 className="error-title">{subgraphs.length > 0 ? t.errorTitle : t.errorTitleGeneric}</h2>
      <ul>
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {hasData ? <p>{t.errorPartial}</p> : null}
    </div>
  );
}

/** Whether a token is pasted: the operations then ask for the internal fields too. */
export const SignedIn = createContext(false);
export const useSignedIn = () => useContext(SignedIn);

/** The best of several bands: places somewhere are places. */
export function combinedBand(bands: (Availability | null | undefined)[]): Availability | null {
  for (const band of ['AVAILABLE', 'FEW', 'FULL'] as const) if (bands.includes(band)) return band;
  return null;
}

/** Free places: a number for signed-in callers; for everyone else the band the hub gives the public. */
export function Places({
  value,
  band,
  figure,
  source,
}: {
  value: number | null | undefined;
  band: Availability | null | undefined;
  figure?: string;
  source?: Source | null;
}) {
  const { t } = useLanguage();
  const signedIn = useSignedIn();
  if (!signedIn)
    return (
      <span className={`band band-${(band ?? 'none').toLowerCase()}`} data-figure={figure} data-band={band ?? 'NONE'} title={t.bandHint}>
        {label(t, 'band', band ?? 'NONE')}
      </span>
    );
  return <Figure value={value} figure={figure} source={source} />;
}

export function YesNo({ value }: { value: boolean | null | undefined }) {
  const { t } = useLanguage();
  return <>{value === true ? t.yes : value === false ? t.no : t.unknown}</>;
}
