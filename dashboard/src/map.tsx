// A map without online tiles (many municipal networks block tile servers): sites as dots and district
// centres as diamonds on a plain background, projected here in a few lines (equirectangular, scaled by
// the cosine of the mean latitude, which is true enough across a Kreis). The hub has no district
// outlines yet; a scale bar gives the distances.
import { useId } from 'react';
import { useLanguage } from './i18n';
import { navigate } from './router';

export interface MapPoint {
  id: string;
  name: string;
  latitude: number;
  longitude: number;
  /** Where a click on the point leads. */
  href?: string;
}

const WIDTH = 640;
const HEIGHT = 400;
const PAD = 36;
const KM_PER_DEGREE = 111.32;

export function SiteMap({
  sites,
  centres = [],
  selectedId,
  onPick,
  title,
}: {
  sites: MapPoint[];
  centres?: MapPoint[];
  selectedId?: string;
  /** A click on the background: the point's coordinates. */
  onPick?: (latitude: number, longitude: number) => void;
  title: string;
}) {
  const { t } = useLanguage();
  const titleId = useId();
  const descriptionId = useId();
  const all = [...sites, ...centres];
  if (all.length === 0) return null;
  let minLat = Math.min(...all.map((p) => p.latitude));
  let maxLat = Math.max(...all.map((p) => p.latitude));
  let minLon = Math.min(...all.map((p) => p.longitude));
  let maxLon = Math.max(...all.map((p) => p.longitude));
  // At least about 3 km across, so one site is not a map of a point.
  const span = 0.03;
  if (maxLat - minLat < span) [minLat, maxLat] = [(minLat + maxLat) / 2 - span / 2, (minLat + maxLat) / 2 + span / 2];
  if (maxLon - minLon < span) [minLon, maxLon] = [(minLon + maxLon) / 2 - span / 2, (minLon + maxLon) / 2 + span / 2];
  const cos = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const scale = Math.min((WIDTH - 2 * PAD) / ((maxLon - minLon) * cos), (HEIGHT - 2 * PAD) / (maxLat - minLat));
  const offsetX = (WIDTH - (maxLon - minLon) * cos * scale) / 2;
  const offsetY = (HEIGHT - (maxLat - minLat) * scale) / 2;
  const x = (lon: number) => offsetX + (lon - minLon) * cos * scale;
  const y = (lat: number) => HEIGHT - offsetY - (lat - minLat) * scale;
  const unproject = (px: number, py: number) => ({
    latitude: minLat + (HEIGHT - offsetY - py) / scale,
    longitude: minLon + (px - offsetX) / (cos * scale),
  });
  // A round number of kilometres for the scale bar, about a fifth of the width.
  const pxPerKm = (scale / KM_PER_DEGREE) * 1;
  const rough = WIDTH / 5 / pxPerKm;
  const km = [0.5, 1, 2, 5, 10, 20, 50].find((step) => step >= rough) ?? 100;

  const onClick = (event: React.MouseEvent<SVGSVGElement>) => {
    if (!onPick || (event.target as Element).closest('a')) return;
    const svg = event.currentTarget;
    const point = svg.createSVGPoint();
    point.x = event.clientX;
    point.y = event.clientY;
    const local = point.matrixTransform(svg.getScreenCTM()!.inverse());
    const { latitude, longitude } = unproject(local.x, local.y);
    onPick(Number(latitude.toFixed(5)), Number(longitude.toFixed(5)));
  };

  return (
    <figure className="map">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="group"
        aria-labelledby={titleId}
        aria-describedby={descriptionId}
        onClick={onClick}
        className={onPick ? 'map-pickable' : undefined}
        data-testid="site-map"
      >
        <title id={titleId}>{title}</title>
        <desc id={descriptionId}>{t.mapDescription(sites.length, centres.length)}</desc>
        <rect className="map-background" x={0} y={0} width={WIDTH} height={HEIGHT} />
        {centres.map((centre) => (
          <g key={`c-${centre.id}`} className="district-centre" transform={`translate(${x(centre.longitude)},${y(centre.latitude)})`}>
            <title>{`${t.districtCentre}: ${centre.name}`}</title>
            <rect x={-5} y={-5} width={10} height={10} transform="rotate(45)" />
            <text x={9} y={-8}>
              {centre.name}
            </text>
          </g>
        ))}
        {sites.map((site) => {
          const marker = (
            <g
              className={`site-marker${site.id === selectedId ? ' site-marker-selected' : ''}`}
              data-site-id={site.id}
              transform={`translate(${x(site.longitude)},${y(site.latitude)})`}
            >
              <title>{`${t.siteMarker}: ${site.name}`}</title>
              <circle r={site.id === selectedId ? 9 : 7} />
            </g>
          );
          return site.href ? (
            <a
              key={site.id}
              href={site.href}
              aria-label={`${t.siteMarker}: ${site.name}`}
              onClick={(event) => {
                event.preventDefault();
                navigate(site.href!);
              }}
            >
              {marker}
            </a>
          ) : (
            <g key={site.id}>{marker}</g>
          );
        })}
        <g className="map-scale" transform={`translate(${PAD / 2},${HEIGHT - PAD / 2})`} aria-hidden="true">
          <line x1={0} x2={km * pxPerKm} y1={0} y2={0} />
          <line x1={0} x2={0} y1={-4} y2={4} />
          <line x1={km * pxPerKm} x2={km * pxPerKm} y1={-4} y2={4} />
          <text x={km * pxPerKm + 6} y={4}>
            {km} km
          </text>
        </g>
      </svg>
      <figcaption>
        {t.mapDescription(sites.length, centres.length)}
        {onPick ? ` ${t.mapClickHint}` : ''}
      </figcaption>
    </figure>
  );
}
