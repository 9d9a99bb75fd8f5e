// The sites of a district, Kreis or Jobcenter: on the map and in a table (open now, opening hours,
// transport stops, step-free access, free programme places), each row with its source.
import { Cite, Figure, Places, YesNo } from '../components';
import { label, useLanguage } from '../i18n';
import { type MapPoint, SiteMap } from '../map';
import type { Site } from '../types';

type SiteRow = Pick<
  Site,
  | 'id'
  | 'name'
  | 'street'
  | 'houseNumber'
  | 'postcode'
  | 'city'
  | 'latitude'
  | 'longitude'
  | 'programmePlaces'
  | 'programmeAvailability'
  | 'source'
  | 'openingHours'
> &
  Partial<Pick<Site, 'transportStops' | 'accessibility'>>;

export function SitesSection({
  sites,
  centres,
  title,
  headingId,
}: {
  sites: SiteRow[];
  centres: MapPoint[];
  title: string;
  headingId: string;
}) {
  const { t } = useLanguage();
  const full = sites.some((site) => site.transportStops !== undefined);
  return (
    <section aria-labelledby={headingId} className="sites">
      <h2 id={headingId}>
        {title} (<Figure value={sites.length} figure="sites-count" />)
      </h2>
      <SiteMap
        title={`${t.map}: ${title}`}
        sites={sites.map((site) => ({
          id: site.id,
          name: site.name,
          latitude: site.latitude,
          longitude: site.longitude,
          href: `/responsible?postcode=${encodeURIComponent(site.postcode)}`,
        }))}
        centres={centres}
      />
      <div className="table-wrap">
        <table className="sites-table">
          <caption>
            {title} – {t.table}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t.site}</th>
              <th scope="col">{t.address}</th>
              <th scope="col">{t.openNow}</th>
              <th scope="col">{t.openingHours}</th>
              {full ? <th scope="col">{t.transport}</th> : null}
              {full ? <th scope="col">{t.stepFree}</th> : null}
              <th scope="col">{t.freePlacesShort}</th>
            </tr>
          </thead>
          <tbody>
            {sites.map((site) => (
              <tr key={site.id} data-site-id={site.id}>
                <th scope="row">
                  {site.name}
                  <Cite source={site.source} />
                </th>
                <td>
                  {site.street} {site.houseNumber}, {site.postcode} {site.city}
                </td>
                <td>
                  {site.openingHours ? (
                    <span className={site.openingHours.isOpen ? 'badge badge-open' : 'badge badge-closed'}>
                      {site.openingHours.isOpen ? t.open : t.closed}
                    </span>
                  ) : (
                    t.unknown
                  )}
                </td>
                <td className="hours">{site.openingHours?.openingHours ?? t.noHours}</td>
                {full ? (
                  <td>
                    <ul className="plain">
                      {(site.transportStops ?? []).map((stop) => (
                        <li key={stop.name}>
                          {stop.name} ({label(t, 'mode', stop.mode)} {stop.lines.join(', ')}; {t.walkMinutes(stop.walkingMinutes)})
                        </li>
                      ))}
                    </ul>
                  </td>
                ) : null}
                {full ? (
                  <td>
                    <YesNo value={site.accessibility?.stepFree} />
                    {site.accessibility?.lift ? ` (${t.lift})` : ''}
                  </td>
                ) : null}
                <td className="number">
                  <Places value={site.programmePlaces} band={site.programmeAvailability} figure="site-free-places" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
