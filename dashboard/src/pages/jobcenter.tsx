// Page 2, Jobcenter: its units, sites, programmes with upcoming intakes and free places, and participants
// per year; the participation figures by year and venue are internal and shown only when signed in.
import { useQuery } from '@apollo/client/react';
import { useId } from 'react';
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
} from '../components';
import { label, useLanguage } from '../i18n';
import { DASHBOARD_JOBCENTER, DASHBOARD_SEARCH } from '../operations';
import type { DashboardJobcenterData, DashboardSearchData } from '../types';
import { SitesSection } from './sites';

function JobcenterList({ currentId }: { currentId?: string }) {
  const { t } = useLanguage();
  const { data, loading, error } = useQuery<DashboardSearchData>(DASHBOARD_SEARCH, { errorPolicy: 'all', variables: { search: null } });
  return (
    <nav className="choice" aria-label={t.jobcenterChoose}>
      {loading && !data ? <Loading /> : null}
      <ErrorNotice error={error} hasData={!!data} />
      <ul className="pills">
        {(data?.jobcenters?.nodes ?? []).map((jobcenter) => (
          <li key={jobcenter.id}>
            <Link href={`/jobcenter/${encodeURIComponent(jobcenter.id)}`} aria-current={jobcenter.id === currentId ? 'page' : undefined}>
              {jobcenter.name}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function JobcenterView({ id, signedIn }: { id: string; signedIn: boolean }) {
  const { t } = useLanguage();
  const ids = { units: useId(), sites: useId(), programmes: useId(), participation: useId() };
  const year = new Date().getFullYear();
  const { data, loading, error } = useQuery<DashboardJobcenterData>(DASHBOARD_JOBCENTER, {
    errorPolicy: 'all',
    variables: { organisationId: id, year, signedIn },
  });
  const registry = new SourceRegistry();
  const jobcenter = data?.organisation;
  if (loading && !data) return <Loading />;
  if (!jobcenter)
    return (
      <>
        <ErrorNotice error={error} hasData={false} />
        {!error ? <p>{t.notFound}</p> : null}
      </>
    );
  const unitKinds = new Map<string, number>();
  for (const unit of jobcenter.units.nodes) unitKinds.set(unit.kind, (unitKinds.get(unit.kind) ?? 0) + 1);
  const unitRows = [...unitKinds].map(([kind, count]) => ({ kind: label(t, 'unitKind', kind), key: kind, count }));
  const sites = jobcenter.locations?.nodes ?? [];
  const programmes = jobcenter.programmes?.nodes ?? [];
  const freePlaces = programmes.reduce(
    (sum, programme) => sum + programme.upcomingIntakes.nodes.reduce((inner, intake) => inner + (intake.freePlaces ?? 0), 0),
    0,
  );
  const band = combinedBand(programmes.flatMap((programme) => programme.upcomingIntakes.nodes.map((intake) => intake.availability)));
  const participation = new Map<number, number>();
  for (const programme of programmes)
    for (const figure of programme.participation ?? [])
      if (!figure.venue) participation.set(figure.year, (participation.get(figure.year) ?? 0) + figure.participants);
  const participationRows = [...participation]
    .sort(([a], [b]) => a - b)
    .map(([figureYear, participants]) => ({ year: String(figureYear), participants }));
  return (
    <SourcesProvider registry={registry}>
      <article className="jobcenter" data-organisation-id={jobcenter.id} aria-busy={loading}>
        <header className="page-header">
          <h2 className="title">
            {jobcenter.name}
            <Cite source={jobcenter.source} />
          </h2>
          <p className="subtitle">
            {jobcenter.jobcenterModel ? `${t.model}: ${label(t, 'model', jobcenter.jobcenterModel)}` : ''}
            {jobcenter.managingDirector ? ` · ${t.managingDirector}: ${jobcenter.managingDirector}` : ''}
          </p>
        </header>
        <ErrorNotice error={error} hasData />
        <dl className="key-figures" data-testid="key-figures">
          <div>
            <dt>{t.units}</dt>
            <dd>
              <Figure value={jobcenter.units.totalCount} figure="units" />
            </dd>
          </div>
          <div>
            <dt>{t.sites}</dt>
            <dd>
              <Figure value={jobcenter.locations?.totalCount} figure="sites" />
            </dd>
          </div>
          <div>
            <dt>{t.programmes}</dt>
            <dd>
              <Figure value={jobcenter.programmes?.totalCount} figure="programmes" />
            </dd>
          </div>
          <div>
            <dt>{t.freePlaces}</dt>
            <dd>
              <Places value={jobcenter.programmes ? freePlaces : null} band={band} figure="free-places" />
            </dd>
          </div>
          <div>
            <dt>{t.participantsInYear(year)}</dt>
            <dd>
              <Figure value={jobcenter.participants} figure="participants" />
            </dd>
          </div>
        </dl>
        <ChartFigure
          id={ids.units}
          title={t.unitsByKind}
          chart={<BarsChart data={unitRows} category="kind" horizontal series={[{ key: 'count', name: t.count }]} height={220} />}
          table={
            <CountTable
              testId="units-by-kind"
              caption={t.unitsByKind}
              heading={t.kind}
              rows={unitRows.map((row) => ({ key: row.key, label: row.kind, count: row.count, figure: `units:${row.key}` }))}
            />
          }
        />
        <SitesSection sites={sites} centres={[]} title={t.sites} headingId={ids.sites} />
        <section aria-labelledby={ids.programmes}>
          <h2 id={ids.programmes}>{t.programmes}</h2>
          <div className="table-wrap">
            <table data-testid="programmes">
              <caption className="visually-hidden">{t.programmes}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.programme}</th>
                  <th scope="col">{t.kind}</th>
                  <th scope="col">{t.capacity}</th>
                  <th scope="col">{t.participantsPerYear}</th>
                  <th scope="col">{t.daysPerWeek}</th>
                  <th scope="col">{t.upcomingIntakes}</th>
                </tr>
              </thead>
              <tbody>
                {programmes.map((programme) => (
                  <tr key={programme.id} data-programme-id={programme.id}>
                    <th scope="row">
                      {programme.name}
                      <Cite source={programme.source} />
                    </th>
                    <td>{label(t, 'programmeKind', programme.kind)}</td>
                    <td className="number">
                      <Figure value={programme.capacityPerYear} source={programme.source} />
                    </td>
                    <td className="number">
                      <Figure value={programme.participantsPerYear} source={programme.source} />
                    </td>
                    <td className="number">
                      <Figure value={programme.daysPerWeekMax} />
                    </td>
                    <td>
                      {programme.upcomingIntakes.nodes.length === 0 ? (
                        t.noIntakes
                      ) : (
                        <ul className="plain">
                          {programme.upcomingIntakes.nodes.map((intake) => (
                            <li key={intake.id} data-intake-id={intake.id}>
                              {intake.startsOn}, {intake.venue.name}:{' '}
                              <Places
                                value={intake.freePlaces}
                                band={intake.availability}
                                source={intake.source}
                                figure="intake-free-places"
                              />{' '}
                              ({t.placesInAll(intake.places)})
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
        {signedIn ? (
          <ChartFigure
            id={ids.participation}
            title={t.participationByYear}
            chart={
              <BarsChart
                data={participationRows}
                category="year"
                series={[{ key: 'participants', name: t.participationByYear }]}
                height={220}
              />
            }
            table={
              <CountTable
                testId="participation"
                caption={t.participationByYear}
                heading={t.year}
                rows={participationRows.map((row) => ({
                  key: row.year,
                  label: row.year,
                  count: row.participants,
                  figure: `participation:${row.year}`,
                }))}
              />
            }
          />
        ) : (
          <p className="note" data-testid="participation-sign-in">
            {t.participationSignIn}
          </p>
        )}
        <Footnotes registry={registry} />
      </article>
    </SourcesProvider>
  );
}

export function JobcenterPage({ id, signedIn }: { id?: string; signedIn: boolean }) {
  const { t } = useLanguage();
  return (
    <div className="page page-jobcenter">
      <h1 className="visually-hidden">{t.navJobcenter}</h1>
      <JobcenterList currentId={id} />
      {id ? <JobcenterView key={`${id}-${signedIn}`} id={id} signedIn={signedIn} /> : <p className="choose">{t.jobcenterChoose}</p>}
    </div>
  );
}
