// Page 3, Who is responsible?: a postcode, a municipality key or a click on the map gives the responsible
// Jobcenter and site, whether it is open now and when it opens next, and how to get there. The question
// is in the URL (/responsible?postcode=48159, ?municipalityKey=…, ?latitude=…&longitude=…).
import { useQuery } from '@apollo/client/react';
import { useId, useState } from 'react';
import { Cite, ErrorNotice, Footnotes, Link, Loading, SourceRegistry, SourcesProvider, YesNo } from '../components';
import { nextOpening } from '../hours';
import { label, useLanguage } from '../i18n';
import { SiteMap } from '../map';
import { DASHBOARD_RESPONSIBLE, DASHBOARD_SEARCH } from '../operations';
import { navigate, type Route } from '../router';
import type { DashboardResponsibleData, DashboardSearchData, Schedule } from '../types';

function NextOpening({ schedule }: { schedule: Schedule }) {
  const { t } = useLanguage();
  const next = nextOpening(schedule);
  if (!next) return <>{t.nextOpeningUnknown}</>;
  const [year, month, day] = next.date.split('-');
  const when = next.inDays === 0 ? t.today : `${t.weekdays[next.weekday]}, ${day}.${month}.${year}`;
  return (
    <span data-testid="next-opening" data-date={next.date} data-opens={next.opens}>
      {when}, {next.opens}–{next.closes}
    </span>
  );
}

/** The Gemeinden whose name matches, each a link that asks by its official key. */
function MunicipalityChoice({ name }: { name: string }) {
  const { t } = useLanguage();
  const headingId = useId();
  const { data, loading, error } = useQuery<DashboardSearchData>(DASHBOARD_SEARCH, { errorPolicy: 'all', variables: { search: name } });
  const matches = (data?.districts?.nodes ?? []).filter((district) => district.officialKey?.length === 8);
  return (
    <section aria-labelledby={headingId} className="municipality-choice">
      <h2 id={headingId}>{t.chooseMunicipality(name)}</h2>
      {loading && !data ? <Loading /> : null}
      <ErrorNotice error={error} hasData={!!data} />
      {data && matches.length === 0 ? <p>{t.noResults}</p> : null}
      <ul className="results">
        {matches.map((district) => (
          <li key={district.id}>
            <Link href={`/responsible?municipalityKey=${district.officialKey}`}>{district.name}</Link>{' '}
            <span className="kind">
              {district.officialKey}
              {district.parent ? `, ${district.parent.name}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ResponsiblePage({ route }: { route: Route }) {
  const { t } = useLanguage();
  const postcodeId = useId();
  const keyId = useId();
  const resultId = useId();
  const postcode = route.params.get('postcode') ?? undefined;
  const municipalityKey = route.params.get('municipalityKey') ?? undefined;
  // A Gemeinde by name: the search lists the matching ones, each a link to its key.
  const municipalityName = route.params.get('municipality') ?? undefined;
  const latitude = route.params.has('latitude') ? Number(route.params.get('latitude')) : undefined;
  const longitude = route.params.has('longitude') ? Number(route.params.get('longitude')) : undefined;
  const point = latitude !== undefined && longitude !== undefined && Number.isFinite(latitude) && Number.isFinite(longitude);
  const ask = !!postcode || !!municipalityKey || point;
  const [postcodeText, setPostcodeText] = useState(postcode ?? '');
  const [keyText, setKeyText] = useState(municipalityKey ?? '');
  // Exactly one way of asking: the others are left out (the hub counts an explicit null as given).
  const variables = postcode
    ? { postcode, ask }
    : municipalityKey
      ? { municipalityKey, ask }
      : point
        ? { latitude, longitude, ask }
        : { ask };
  const { data, loading, error } = useQuery<DashboardResponsibleData>(DASHBOARD_RESPONSIBLE, { errorPolicy: 'all', variables });
  const registry = new SourceRegistry();
  const answers = data?.responsibleLocations?.nodes ?? [];
  const question = postcode
    ? `${t.postcodeLabel} ${postcode}`
    : municipalityKey
      ? `${t.officialKey} ${municipalityKey}`
      : point
        ? t.pointLabel(latitude!, longitude!)
        : '';

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const params = new URLSearchParams();
    if (postcodeText.trim()) params.set('postcode', postcodeText.trim());
    else if (/^\d{8}$/.test(keyText.trim())) params.set('municipalityKey', keyText.trim());
    else if (keyText.trim()) params.set('municipality', keyText.trim());
    navigate(`/responsible${params.size > 0 ? `?${params}` : ''}`);
  };

  return (
    <SourcesProvider registry={registry}>
      <div className="page page-responsible">
        <h1>{t.responsibleTitle}</h1>
        <form className="responsible-form" onSubmit={submit}>
          <div className="field">
            <label htmlFor={postcodeId}>{t.postcodeLabel}</label>
            <input
              id={postcodeId}
              inputMode="numeric"
              autoComplete="postal-code"
              value={postcodeText}
              onChange={(event) => setPostcodeText(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={keyId}>{t.municipalityKeyLabel}</label>
            <input id={keyId} value={keyText} onChange={(event) => setKeyText(event.target.value)} />
          </div>
          <button type="submit">{t.ask}</button>
        </form>
        {loading && !data ? <Loading /> : null}
        <ErrorNotice error={error} hasData={!!data} />
        {municipalityName ? <MunicipalityChoice name={municipalityName} /> : null}
        <div className="responsible-layout">
          {data?.locations ? (
            <SiteMap
              title={`${t.map}: ${t.sites}`}
              sites={data.locations.nodes.map((site) => ({
                id: site.id,
                name: site.name,
                latitude: site.latitude,
                longitude: site.longitude,
              }))}
              selectedId={answers[0]?.location.id}
              onPick={(lat, lon) => navigate(`/responsible?latitude=${lat}&longitude=${lon}`)}
            />
          ) : null}
          {ask && data?.responsibleLocations ? (
            <section aria-labelledby={resultId} className="responsible-result" aria-live="polite">
              <h2 id={resultId}>{t.responsibleFor(question)}</h2>
              {(data.responsibleLocations.places ?? []).map((place) => (
                <article key={place.municipality.id} className="card place" data-municipality-id={place.municipality.id}>
                  <h3>
                    {place.municipality.name}
                    {place.postcode && place.placeName ? ` (${place.postcode} ${place.placeName})` : ''}
                    <Cite source={place.source} />
                  </h3>
                  <dl className="facts">
                    <dt>{t.gemeinde}</dt>
                    <dd>
                      {label(t, 'kind', place.municipality.kind)}
                      {place.municipality.officialKey ? `, ${t.officialKey} ${place.municipality.officialKey}` : ''}
                    </dd>
                    {place.kreis ? (
                      <>
                        <dt>{t.kreisOf}</dt>
                        <dd>
                          <Link href={`/district/${encodeURIComponent(place.kreis.id)}`}>{place.kreis.name}</Link> (
                          {label(t, 'kind', place.kreis.kind)})
                        </dd>
                      </>
                    ) : null}
                    <dt>{t.jobcenterResponsible}</dt>
                    <dd data-testid="place-jobcenter">
                      {place.municipality.jobcenter ? (
                        <Link href={`/jobcenter/${encodeURIComponent(place.municipality.jobcenter.id)}`}>
                          {place.municipality.jobcenter.name}
                        </Link>
                      ) : (
                        t.noJobcenterInHub
                      )}
                    </dd>
                  </dl>
                  <p data-testid="place-explanation">{place.explanation}</p>
                  {place.approximate && place.distanceKm !== null ? <p className="note">{t.approximate(place.distanceKm)}</p> : null}
                  {place.postcodeSpansSeveral ? <p className="note">{t.spansSeveral}</p> : null}
                </article>
              ))}
              {answers.length > 0 ? <h3 className="sites-title">{t.sitesTitle}</h3> : null}
              {answers.length === 0 && (data.responsibleLocations.places ?? []).length === 0 ? <p>{t.noneResponsible}</p> : null}
              {answers.map((answer) => {
                const site = answer.location;
                return (
                  <article key={`${answer.district.id}-${site.id}`} className="card" data-site-id={site.id}>
                    <h4>
                      {site.name}
                      <Cite source={site.source} />
                    </h4>
                    <dl className="facts">
                      <dt>{t.organisation}</dt>
                      <dd data-testid="responsible-organisation">{site.organisation?.name ?? t.unknown}</dd>
                      {site.unit ? (
                        <>
                          <dt>{t.unit}</dt>
                          <dd>{site.unit.name}</dd>
                        </>
                      ) : null}
                      <dt>{t.district}</dt>
                      <dd>{answer.district.name}</dd>
                      <dt>{t.matchedBy}</dt>
                      <dd>{label(t, 'match', answer.matchedBy)}</dd>
                      <dt>{t.address}</dt>
                      <dd>
                        {site.street} {site.houseNumber}, {site.postcode} {site.city}
                      </dd>
                      <dt>{t.openNow}</dt>
                      <dd>
                        {site.openingHours ? (
                          <span className={site.openingHours.isOpen ? 'badge badge-open' : 'badge badge-closed'} data-testid="open-now">
                            {site.openingHours.isOpen ? t.open : t.closed}
                          </span>
                        ) : (
                          t.unknown
                        )}
                      </dd>
                      {site.openingHours && !site.openingHours.isOpen ? (
                        <>
                          <dt>{t.nextOpening}</dt>
                          <dd>
                            <NextOpening schedule={site.openingHours} />
                            {site.openingHours.closedOnPublicHolidays ? <span className="note"> ({t.holidaysNote})</span> : null}
                          </dd>
                        </>
                      ) : null}
                      <dt>{t.openingHours}</dt>
                      <dd className="hours">{site.openingHours?.openingHours ?? t.noHours}</dd>
                    </dl>
                    <h5>{t.howToGetThere}</h5>
                    <ul>
                      {site.transportStops.map((stop) => (
                        <li key={stop.name}>
                          {stop.name}: {label(t, 'mode', stop.mode)} {stop.lines.join(', ')} – {t.walkMinutes(stop.walkingMinutes)}
                        </li>
                      ))}
                    </ul>
                    <h5>{t.accessibility}</h5>
                    <ul>
                      <li>
                        {t.stepFree}: <YesNo value={site.accessibility.stepFree} />
                      </li>
                      <li>
                        {t.lift}: <YesNo value={site.accessibility.lift} />
                      </li>
                      <li>
                        {t.accessibleToilet}: <YesNo value={site.accessibility.accessibleToilet} />
                      </li>
                      <li>
                        {t.hearingLoop}: <YesNo value={site.accessibility.hearingLoop} />
                      </li>
                      {site.entrances.map((entrance) => (
                        <li key={entrance.name}>
                          {t.entrances}: {entrance.name}
                          {entrance.description ? ` – ${entrance.description}` : ''} ({t.stepFree}: <YesNo value={entrance.stepFree} />)
                        </li>
                      ))}
                    </ul>
                  </article>
                );
              })}
            </section>
          ) : null}
        </div>
        <Footnotes registry={registry} />
      </div>
    </SourcesProvider>
  );
}
