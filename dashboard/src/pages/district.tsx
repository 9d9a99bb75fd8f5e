// Page 1, District: choose a Land, Kreis, city, Gemeinde or city district (the hub's umlaut-insensitive
// search, over the reference layer for all of Germany and the publishers' city districts); its sites
// on the map and in a table, partners per category, free programme places, population and benefit rate
// with year and source; for a city (or a Kreis) the same for each of its city districts (or Gemeinden) side by side.
import { useQuery } from '@apollo/client/react';
import { useEffect, useId, useState } from 'react';
import { BarsChart, ChartFigure } from '../charts';
import {
  Cite,
  combinedBand,
  CountTable,
  ErrorNotice,
  Figure,
  Footnotes,
  Link,
  Loading,
  Places,
  SourceRegistry,
  SourcesProvider,
  useSignedIn,
} from '../components';
import { label, useLanguage } from '../i18n';
import type { MapPoint } from '../map';
import { DASHBOARD_DISTRICT, DASHBOARD_SEARCH } from '../operations';
import type { DashboardDistrictData, DashboardSearchData, DistrictFigures, Indicator, Site, Source } from '../types';
import { SitesSection } from './sites';

const CATEGORIES = ['KITA', 'VOLUNTEER_INITIATIVE', 'COUNSELLING_CAFE', 'NEIGHBOURHOOD_INITIATIVE', 'STREET_WORK', 'OTHER_SOCIAL_SERVICE'];

const latest = (district: DistrictFigures): Indicator | undefined => [...district.indicators].sort((a, b) => b.year - a.year)[0];
/** The register's population (a public record) where there is one, else the publisher's figure with the benefit figures. */
const populationOf = (district: DistrictFigures): { value: number; year: number; source: Source } | undefined => {
  if (district.population) return { value: district.population.count, year: district.population.year, source: district.population.source };
  const indicator = latest(district);
  return indicator ? { value: indicator.population, year: indicator.year, source: indicator.source } : undefined;
};
const band = (district: DistrictFigures) => combinedBand(district.locations.nodes.map((site) => site.programmeAvailability));
const freePlaces = (district: DistrictFigures) => district.locations.nodes.reduce((sum, site) => sum + (site.programmePlaces ?? 0), 0);

const centre = (district: DistrictFigures): MapPoint[] =>
  district.latitude !== null && district.longitude !== null
    ? [{ id: district.id, name: district.name, latitude: district.latitude, longitude: district.longitude }]
    : [];

export function SearchBox({ showAll }: { showAll: boolean }) {
  const { t } = useLanguage();
  const inputId = useId();
  const hintId = useId();
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSearch(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);
  const { data, loading, error } = useQuery<DashboardSearchData>(DASHBOARD_SEARCH, {
    errorPolicy: 'all',
    variables: { search: search || null },
  });
  const districts = data?.districts?.nodes ?? [];
  // With a district chosen, the list appears once something is typed.
  const listed = showAll || search !== '';
  return (
    <search className="search-box">
      <form role="search" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor={inputId}>{t.searchLabel}</label>
        <input
          id={inputId}
          type="search"
          value={text}
          onChange={(event) => setText(event.target.value)}
          aria-describedby={hintId}
          autoComplete="off"
        />
        <p id={hintId} className="hint">
          {t.searchHint}
        </p>
      </form>
      {loading && !data ? <Loading /> : null}
      <ErrorNotice error={error} hasData={!!data} />
      <p className="visually-hidden" role="status" aria-live="polite">
        {data ? t.resultCount(districts.length, data.districts?.totalCount ?? 0) : ''}
      </p>
      {data && districts.length === 0 ? <p>{t.noResults}</p> : null}
      <ul className="results" aria-label={t.searchResults} hidden={!listed}>
        {districts.map((district) => (
          <li key={district.id}>
            <Link href={`/district/${encodeURIComponent(district.id)}`}>{district.name}</Link>{' '}
            <span className="kind">
              {label(t, 'kind', district.kind)}
              {district.parent ? `, ${district.parent.name}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </search>
  );
}

/** The district's key figures; sites and free places include those of its parts (a city's city districts, a Kreis's Gemeinden). */
function KeyFigures({ district, sites }: { district: DistrictFigures; sites: Site[] }) {
  const { t } = useLanguage();
  const indicator = latest(district);
  const population = populationOf(district);
  return (
    <dl className="key-figures" data-testid="key-figures" data-district-id={district.id}>
      <div>
        <dt>{t.sites}</dt>
        <dd>
          <Figure value={sites.length} figure="sites" />
        </dd>
      </div>
      <div>
        <dt>{t.freePlaces}</dt>
        <dd>
          <Places
            value={sites.reduce((sum, site) => sum + (site.programmePlaces ?? 0), 0)}
            band={combinedBand(sites.map((site) => site.programmeAvailability))}
            figure="free-places"
          />
        </dd>
      </div>
      <div>
        <dt>
          {t.population}
          {population ? ` (${population.year})` : ''}
        </dt>
        <dd>
          <Figure value={population?.value} source={population?.source} figure="population" />
        </dd>
      </div>
      <div>
        <dt>
          {t.benefitRecipients}
          {indicator ? ` (${indicator.year})` : ''}
        </dt>
        <dd>
          <Figure value={indicator?.benefitRecipients} source={indicator?.source} figure="benefit-recipients" />
        </dd>
      </div>
      <div>
        <dt>
          {t.benefitRate}
          {indicator ? ` (${indicator.year})` : ''}
        </dt>
        <dd>
          <Figure value={indicator?.benefitRate} source={indicator?.source} figure="benefit-rate" digits={1} />
        </dd>
      </div>
    </dl>
  );
}

function PartnersChart({ district, headingId }: { district: DistrictFigures; headingId: string }) {
  const { t } = useLanguage();
  if (!district.partnerCounts) return null;
  const rows = district.partnerCounts.map((entry) => ({
    category: label(t, 'category', entry.category),
    count: entry.count,
    key: entry.category,
  }));
  return (
    <ChartFigure
      id={headingId}
      title={t.partnersPerCategory}
      chart={<BarsChart data={rows} category="category" horizontal series={[{ key: 'count', name: t.count }]} />}
      table={
        <CountTable
          testId="partner-counts"
          caption={t.partnersPerCategory}
          heading={t.partners}
          rows={rows.map((row) => ({ key: row.key, label: row.category, count: row.count, figure: `partners:${row.key}` }))}
        />
      }
    />
  );
}

function IndicatorsByYear({ district, headingId }: { district: DistrictFigures; headingId: string }) {
  const { t } = useLanguage();
  const years = [...district.indicators].sort((a, b) => a.year - b.year);
  if (years.length === 0) return null;
  return (
    <ChartFigure
      id={headingId}
      title={`${t.benefitRate}: ${district.name}`}
      chart={
        <BarsChart
          data={years.map((entry) => ({ year: String(entry.year), rate: entry.benefitRate }))}
          category="year"
          series={[{ key: 'rate', name: t.benefitRate }]}
          height={200}
        />
      }
      table={
        <table className="compact">
          <caption className="visually-hidden">{`${t.benefitRate}: ${district.name}`}</caption>
          <thead>
            <tr>
              <th scope="col">{t.year}</th>
              <th scope="col">{t.population}</th>
              <th scope="col">{t.benefitRecipients}</th>
              <th scope="col">{t.benefitRate}</th>
            </tr>
          </thead>
          <tbody>
            {years.map((entry) => (
              <tr key={entry.id}>
                <th scope="row">{entry.year}</th>
                <td className="number">
                  <Figure value={entry.population} source={entry.source} />
                </td>
                <td className="number">
                  <Figure value={entry.benefitRecipients} source={entry.source} />
                </td>
                <td className="number">
                  <Figure value={entry.benefitRate} source={entry.source} digits={1} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

/** The districts of a city, or the cities of a Kreis, side by side: a table and two charts. */
function Comparison({ districts, title, headingId }: { districts: DistrictFigures[]; title: string; headingId: string }) {
  const { t } = useLanguage();
  const rateId = useId();
  const partnersId = useId();
  if (districts.length === 0) return null;
  const rateRows = districts.map((district) => ({ name: district.name, rate: latest(district)?.benefitRate ?? 0 }));
  const partnerRows = districts.map((district) => ({
    name: district.name,
    ...Object.fromEntries((district.partnerCounts ?? []).map((entry) => [entry.category, entry.count])),
  }));
  return (
    <section aria-labelledby={headingId} className="comparison">
      <h2 id={headingId}>{title}</h2>
      <div className="table-wrap">
        <table data-testid="comparison">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t.district}</th>
              <th scope="col">{t.sites}</th>
              <th scope="col">{t.freePlacesShort}</th>
              <th scope="col">{t.partners}</th>
              <th scope="col">{t.year}</th>
              <th scope="col">{t.population}</th>
              <th scope="col">{t.benefitRecipients}</th>
              <th scope="col">{t.benefitRate}</th>
            </tr>
          </thead>
          <tbody>
            {districts.map((district) => {
              const indicator = latest(district);
              return (
                <tr key={district.id} data-district-id={district.id}>
                  <th scope="row">
                    <Link href={`/district/${encodeURIComponent(district.id)}`}>{district.name}</Link>
                  </th>
                  <td className="number">
                    <Figure value={district.locations.totalCount} figure="sites" />
                  </td>
                  <td className="number">
                    <Places value={freePlaces(district)} band={band(district)} figure="free-places" />
                  </td>
                  <td className="number">
                    <Figure value={district.partnerCounts?.reduce((sum, entry) => sum + entry.count, 0)} figure="partners" />
                  </td>
                  <td className="number">{indicator?.year ?? t.none}</td>
                  <td className="number">
                    <Figure value={populationOf(district)?.value} source={populationOf(district)?.source} figure="population" />
                  </td>
                  <td className="number">
                    <Figure value={indicator?.benefitRecipients} source={indicator?.source} figure="benefit-recipients" />
                  </td>
                  <td className="number">
                    <Figure value={indicator?.benefitRate} source={indicator?.source} figure="benefit-rate" digits={1} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="chart-row">
        <section aria-labelledby={rateId} className="chart-figure">
          <h3 id={rateId}>{t.benefitRate}</h3>
          <BarsChart data={rateRows} category="name" series={[{ key: 'rate', name: t.benefitRate }]} />
        </section>
        {districts.some((district) => district.partnerCounts) ? (
          <section aria-labelledby={partnersId} className="chart-figure">
            <h3 id={partnersId}>{t.partnersPerCategory}</h3>
            <BarsChart
              data={partnerRows}
              category="name"
              stacked
              series={CATEGORIES.map((key) => ({ key, name: label(t, 'category', key) }))}
            />
          </section>
        ) : null}
      </div>
    </section>
  );
}

function DistrictView({ id }: { id: string }) {
  const { t } = useLanguage();
  const ids = { sites: useId(), partners: useId(), indicators: useId(), comparison: useId() };
  const { data, loading, error } = useQuery<DashboardDistrictData>(DASHBOARD_DISTRICT, {
    errorPolicy: 'all',
    variables: { districtId: id, signedIn: useSignedIn() },
  });
  const registry = new SourceRegistry();
  const district = data?.district;
  if (loading && !data) return <Loading />;
  if (!district)
    return (
      <>
        <ErrorNotice error={error} hasData={false} />
        {!error ? <p>{t.notFound}</p> : null}
      </>
    );
  const children = district.children.nodes;
  const sites = [...district.locations.nodes, ...children.flatMap((child) => child.locations.nodes)];
  return (
    <SourcesProvider registry={registry}>
      <article className="district" data-district-id={district.id} aria-busy={loading}>
        <header className="page-header">
          <h2 className="title">
            {district.name}
            <Cite source={district.source} />
          </h2>
          <p className="subtitle">
            {label(t, 'kind', district.kind)}
            {district.officialKey ? ` · ${t.officialKey} ${district.officialKey}` : ''}
            {district.parent ? (
              <>
                {' · '}
                {t.partOf} <Link href={`/district/${encodeURIComponent(district.parent.id)}`}>{district.parent.name}</Link>
              </>
            ) : null}
          </p>
        </header>
        <ErrorNotice error={error} hasData />
        <KeyFigures district={district} sites={sites} />
        <SitesSection sites={sites} centres={[...centre(district), ...children.flatMap(centre)]} title={t.sites} headingId={ids.sites} />
        <div className="chart-row">
          {/* With parts, the partners are per part below (a partner serving several would count twice in a sum). */}
          {children.length === 0 || district.partnerCounts?.some((entry) => entry.count > 0) ? (
            <PartnersChart district={district} headingId={ids.partners} />
          ) : null}
          <IndicatorsByYear district={district} headingId={ids.indicators} />
        </div>
        <Comparison districts={children} title={t.childrenSideBySide(district.kind)} headingId={ids.comparison} />
        <Footnotes registry={registry} />
      </article>
    </SourcesProvider>
  );
}

export function DistrictPage({ id }: { id?: string }) {
  const { t } = useLanguage();
  return (
    <div className="page page-district">
      <h1 className="visually-hidden">{t.navDistrict}</h1>
      <SearchBox showAll={!id} />
      {id ? <DistrictView key={id} id={id} /> : <p className="choose">{t.chooseDistrict}</p>}
    </div>
  );
}
