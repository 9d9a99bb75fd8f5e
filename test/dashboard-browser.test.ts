import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signDevToken } from '@jobcenter-hub/service';
import type { Browser, Page } from 'playwright-core';
import { type DashboardServer, startDashboardServer } from '../scripts/src/lib/dashboard-server';
import { importGermany, readShippedGermany } from '../scripts/src/lib/germany';
import { keepOnLoopback, launchChromium, requireChromium } from './support/browser';
import { post, ROOT, startTestHub, type TestHub } from './support/hub';
import { savedOperations } from './support/saved-operations';

/**
 * The reference dashboard (dashboard/) in headless Chromium against the real hub, served as `npm start`
 * serves it (scripts/src/lib/dashboard-server.ts): the numbers on each page are the graph's, the map
 * shows the sites, a stopped subgraph gives a partial page that names it, nothing is requested from
 * outside loopback, and axe-core finds no serious or critical accessibility violation. The gateway runs
 * only the operations of the persisted-query manifest, so the dashboard sends nothing else.
 * Screenshots of each page: dashboard-*.png (docs/images keeps a set).
 */

/**
 * Where the screenshots go: a temporary directory, so that a test run leaves the tree as it was;
 * `DASHBOARD_SCREENSHOTS=docs/images npx jest test/dashboard-browser.test.ts` refreshes the committed ones.
 */
const IMAGES = process.env.DASHBOARD_SCREENSHOTS
  ? join(ROOT, process.env.DASHBOARD_SCREENSHOTS)
  : join(tmpdir(), 'jobcenter-hub-dashboard');

const operations = savedOperations();
const operation = (name: string) => operations.get(name)!;
const german = (value: number, digits = 0) =>
  value.toLocaleString('de-DE', { minimumFractionDigits: digits, maximumFractionDigits: digits });

interface Source {
  kind: string;
  citation: string;
}
interface Site {
  id: string;
  programmePlaces?: number | null;
  programmeAvailability: string | null;
  openingHours: { isOpen: boolean } | null;
}
interface Figures {
  id: string;
  name: string;
  indicators: { year: number; population: number; benefitRecipients: number; benefitRate: number; source: Source }[];
  population: { count: number; source: Source } | null;
  locations: { totalCount: number; nodes: Site[] };
  partnerCounts: { category: string; count: number }[] | null;
}

let hub: TestHub;
let dashboard: DashboardServer;
let browser: Browser;
let dist: string;

/** The graph's answer to a saved operation, straight from the gateway. */
async function graph<T>(name: string, variables: Record<string, unknown>, headers: Record<string, string> = {}): Promise<T> {
  const { status, body } = await post<T>(hub.gatewayUrl, operation(name), variables, headers);
  expect({ name, status, errors: body.errors }).toEqual({ name, status: 200, errors: undefined });
  return body.data!;
}

const pages: { page: Page; outside: string[]; problems: string[] }[] = [];

/** A fresh page that refuses (and records) every request that would leave loopback. */
async function open(path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const entry = { page, outside: [] as string[], problems: [] as string[] };
  pages.push(entry);
  page.on('pageerror', (error) => entry.problems.push(`page error: ${error.message}`));
  await keepOnLoopback(page, entry.outside);
  await page.goto(new URL(path, dashboard.url).href);
  return page;
}

/** The value of every `[data-figure=name]` inside `scope`, as the page states it (data-value) and shows it (text). */
async function figure(page: Page, scope: string, name: string): Promise<{ value: number | null; text: string }> {
  const element = page.locator(`${scope} [data-figure="${name}"]`).first();
  const [value, text] = await Promise.all([element.getAttribute('data-value'), element.innerText()]);
  return { value: value === null ? null : Number(value), text };
}

/** axe-core in the page: the serious and critical violations (none expected). */
async function seriousViolations(page: Page): Promise<string[]> {
  // Through the DevTools protocol, which the page's Content-Security-Policy does not restrict.
  await page.evaluate(`${readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')}\n;undefined`);
  // A string, run in the page (the tests are compiled without the DOM's types).
  const violations = (await page.evaluate(`axe.run(document).then((result) => result.violations.map((violation) => ({
    id: violation.id, impact: violation.impact, help: violation.help, nodes: violation.nodes.map((node) => node.target.join(' ')),
  })))`)) as { id: string; impact: string; help: string; nodes: string[] }[];
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} – ${violation.nodes.slice(0, 5).join(', ')}`);
}

/** Waits for `selector`; on a timeout the error says what the page showed instead. */
async function shown(page: Page, selector: string): Promise<void> {
  try {
    await page.locator(selector).first().waitFor({ timeout: 20_000 });
  } catch (error) {
    const main = await page
      .locator('main')
      .innerText()
      .catch(() => '');
    throw new Error(`${selector} did not appear on ${page.url()}; the page shows:\n${main.slice(0, 2000)}`, { cause: error });
  }
}

const staffToken = () =>
  signDevToken(
    { subject: 'staff', organisationId: 'jobcenter-kreis-recklinghausen', roles: ['viewer'] },
    { issuer: 'jobcenter-hub', audience: 'jobcenter-hub' },
  );

/** Signs in as a user does: the token pasted into the header's form. */
async function signIn(page: Page, token: string): Promise<void> {
  await page.getByText('Anmelden für interne Felder').click();
  await page.getByLabel(/^Token/).fill(token);
  await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
  await shown(page, '.signed-in');
}

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(IMAGES, { recursive: true });
  await page.screenshot({ path: join(IMAGES, `dashboard-${name}.png`), fullPage: true });
}

/** What the page shows the public instead of a number of free places: the hub's band, in German. */
const BANDS: Record<string, string> = { AVAILABLE: 'Plätze frei', FEW: 'wenige Plätze', FULL: 'ausgebucht', NONE: 'kein Start geplant' };
/** Several bands as one: places anywhere are places. */
const combined = (bands: (string | null | undefined)[]) => ['AVAILABLE', 'FEW', 'FULL'].find((band) => bands.includes(band)) ?? 'NONE';
const band = (district: Figures) => combined(district.locations.nodes.map((site) => site.programmeAvailability));

const latest = (district: Figures) => [...district.indicators].sort((a, b) => b.year - a.year)[0];
const freePlaces = (district: Figures) => district.locations.nodes.reduce((sum, site) => sum + (site.programmePlaces ?? 0), 0);

/** The key figures at the top of a district's page equal the graph's. */
async function expectKeyFigures(page: Page, district: Figures, signedIn = false): Promise<void> {
  const scope = `[data-testid="key-figures"][data-district-id="${district.id}"]`;
  const indicator = latest(district);
  expect(await figure(page, scope, 'sites')).toEqual({ value: district.locations.totalCount, text: german(district.locations.totalCount) });
  // Free places are numbers for signed-in callers only.
  expect(await figure(page, scope, 'free-places')).toEqual(
    signedIn ? { value: freePlaces(district), text: german(freePlaces(district)) } : { value: null, text: BANDS[band(district)] },
  );
  // The register's population where there is one (a public record), else the publisher's.
  const population = district.population?.count ?? indicator.population;
  expect(await figure(page, scope, 'population')).toEqual({ value: population, text: german(population) });
  expect(await figure(page, scope, 'benefit-recipients')).toEqual({
    value: indicator.benefitRecipients,
    text: german(indicator.benefitRecipients),
  });
  expect(await figure(page, scope, 'benefit-rate')).toEqual({ value: indicator.benefitRate, text: german(indicator.benefitRate, 1) });
}

beforeAll(async () => {
  requireChromium();
  // The dashboard as `npm run build` builds it, into a directory of this run (npm start's dist/ stays as it is).
  dist = mkdtempSync(join(tmpdir(), 'jobcenter-hub-dashboard-'));
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', 'dashboard', '--outDir', dist, '--emptyOutDir', '--logLevel', 'warn'],
    {
      cwd: ROOT,
      stdio: 'pipe',
    },
  );
  hub = await startTestHub({ gatewayEnv: { GATEWAY_TRUSTED_DOCUMENTS: 'manifest' } });
  // As npm start: the reference layer for all of Germany besides the demo data.
  await importGermany(hub.databaseUrls.locations!, readShippedGermany(ROOT));
  dashboard = await startDashboardServer({ dir: dist, gatewayUrl: hub.gatewayUrl, port: 0 });
  browser = await launchChromium();
}, 180_000);

afterEach(async () => {
  // Every page: nothing requested from outside loopback, no script error.
  for (const { page, outside, problems } of pages.splice(0)) {
    await page.close();
    expect({ outside, problems }).toEqual({ outside: [], problems: [] });
  }
});

afterAll(async () => {
  await browser?.close();
  await dashboard?.close();
  await hub?.stop();
  if (dist) rmSync(dist, { recursive: true, force: true });
});

describe('the dashboard in a browser', () => {
  it('District: Münster-Nord chosen in the search box shows the graph’s sites, partners and figures, with sources', async () => {
    const page = await open('/district');
    await page.getByLabel('Kreis, Stadt oder Stadtbezirk suchen').fill('munster-nord');
    await page.getByRole('link', { name: 'Münster-Nord', exact: true }).click();
    await page.waitForURL(/\/district\/muenster-nord$/);
    await shown(page, '[data-testid="key-figures"][data-district-id="muenster-nord"]');

    const { district } = await graph<{ district: Figures & { children: { nodes: Figures[] } } }>('DashboardDistrict', {
      districtId: 'muenster-nord',
    });
    await expectKeyFigures(page, district);
    for (const { category, count } of district.partnerCounts!)
      expect(await figure(page, '[data-testid="partner-counts"]', `partners:${category}`)).toEqual({ value: count, text: german(count) });
    // The table and the map show the same sites as the graph: one marker per site.
    const siteIds = district.locations.nodes.map((site) => site.id).sort();
    expect(
      (await page.locator('.sites-table tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-site-id')))).sort(),
    ).toEqual(siteIds);
    expect(
      (
        await page
          .locator('[data-testid="site-map"] .site-marker')
          .evaluateAll((markers) => markers.map((marker) => marker.getAttribute('data-site-id')))
      ).sort(),
    ).toEqual(siteIds);
    // Provenance: the benefit figures are illustrative, marked as such, with their citation in the footnotes.
    const indicatorSource = latest(district).source;
    expect(indicatorSource.kind).toBe('ILLUSTRATIVE');
    expect(await page.locator('[data-figure="population"]').first().getAttribute('class')).toContain('figure-illustrative');
    const footnotes = await page.locator('.footnotes li').allInnerTexts();
    expect(footnotes.some((text) => text.includes(indicatorSource.citation))).toBe(true);
    const cite = page.locator('[data-testid="key-figures"] .cite a').first();
    expect(await cite.getAttribute('title')).toContain(indicatorSource.citation);

    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'district');
  });

  it('District: the Kreis Recklinghausen side by side, and one of its cities chosen from there (a bookmarkable URL)', async () => {
    const page = await open('/district');
    await page.getByLabel('Kreis, Stadt oder Stadtbezirk suchen').fill('recklinghausen');
    await page.locator('.results li', { hasText: 'Kreis' }).getByRole('link', { name: 'Recklinghausen', exact: true }).click();
    await page.waitForURL(/\/district\/ags-05562$/);
    await shown(page, '[data-testid="comparison"]');
    const { district: kreis } = await graph<{ district: Figures & { kind: string; children: { nodes: Figures[] } } }>('DashboardDistrict', {
      districtId: 'ags-05562',
    });
    expect(kreis.kind).toBe('DISTRICT_COUNTY');
    const cities = kreis.children.nodes;
    expect(cities).toHaveLength(10);
    for (const city of cities) {
      const row = `[data-testid="comparison"] tr[data-district-id="${city.id}"]`;
      expect(await figure(page, row, 'sites')).toEqual({ value: city.locations.totalCount, text: german(city.locations.totalCount) });
      expect(await figure(page, row, 'free-places')).toEqual({ value: null, text: BANDS[band(city)] });
      expect((await figure(page, row, 'population')).value).toBe(city.population?.count ?? latest(city).population);
      expect((await figure(page, row, 'benefit-rate')).value).toBe(latest(city).benefitRate);
    }
    const sites = [kreis, ...cities].reduce((sum, city) => sum + city.locations.nodes.length, 0);
    expect(sites).toBeGreaterThan(10);
    expect(await page.locator('[data-testid="site-map"] .site-marker').count()).toBe(sites);
    // The Kreis's key figures count the sites of its Gemeinden; its population is the register's sum.
    const all = [kreis, ...cities].flatMap((district) => district.locations.nodes);
    const kreisFigures = '[data-testid="key-figures"][data-district-id="ags-05562"]';
    expect(await figure(page, kreisFigures, 'sites')).toEqual({ value: sites, text: german(sites) });
    expect(await figure(page, kreisFigures, 'free-places')).toEqual({
      value: null,
      text: BANDS[combined(all.map((site) => site.programmeAvailability))],
    });
    expect((await figure(page, kreisFigures, 'population')).value).toBe(kreis.population!.count);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'kreis');

    await page.locator('[data-testid="comparison"]').getByRole('link', { name: 'Recklinghausen', exact: true }).click();
    await page.waitForURL(/\/district\/recklinghausen$/);
    await shown(page, '[data-testid="key-figures"][data-district-id="recklinghausen"]');
    const { district } = await graph<{ district: Figures }>('DashboardDistrict', { districtId: 'recklinghausen' });
    await expectKeyFigures(page, district);
    expect(await page.locator('[data-testid="site-map"] .site-marker').count()).toBe(district.locations.nodes.length);

    // The same URL opened afresh (a bookmark) shows the same city; signed in, with the free places as numbers.
    const bookmark = await open(new URL(page.url()).pathname);
    await shown(bookmark, '[data-testid="key-figures"][data-district-id="recklinghausen"]');
    await expectKeyFigures(bookmark, district);
    const token = await staffToken();
    await signIn(bookmark, token);
    const signedIn = await graph<{ district: Figures }>(
      'DashboardDistrict',
      { districtId: 'recklinghausen', signedIn: true },
      { authorization: `Bearer ${token}` },
    );
    expect(freePlaces(signedIn.district)).toBeGreaterThan(0);
    await shown(
      bookmark,
      `[data-testid="key-figures"][data-district-id="recklinghausen"] [data-figure="free-places"][data-value="${freePlaces(signedIn.district)}"]`,
    );
    await expectKeyFigures(bookmark, signedIn.district, true);
    // In English once switched.
    await bookmark.getByRole('button', { name: 'Switch to English' }).click();
    expect(await bookmark.locator('html').getAttribute('lang')).toBe('en');
    await bookmark.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Who is responsible?' }).waitFor();
  });

  it('Jobcenter: units, sites, programmes and intakes as in the graph; participation by year only once signed in', async () => {
    const page = await open('/jobcenter');
    await page.getByRole('link', { name: 'Jobcenter Kreis Recklinghausen', exact: true }).click();
    await page.waitForURL(/\/jobcenter\/jobcenter-kreis-recklinghausen$/);
    await shown(page, '[data-organisation-id="jobcenter-kreis-recklinghausen"] [data-testid="key-figures"]');
    const year = new Date().getFullYear();
    type Jobcenter = {
      organisation: {
        units: { totalCount: number };
        locations: { totalCount: number; nodes: { id: string }[] };
        programmes: {
          totalCount: number;
          nodes: {
            id: string;
            upcomingIntakes: { nodes: { id: string; freePlaces?: number; availability: string }[] };
            participation?: { year: number; participants: number; venue: { id: string } | null }[];
          }[];
        };
        participants: number | null;
      };
    };
    const { organisation } = await graph<Jobcenter>('DashboardJobcenter', {
      organisationId: 'jobcenter-kreis-recklinghausen',
      year,
      signedIn: false,
    });
    const scope = '[data-testid="key-figures"]';
    expect((await figure(page, scope, 'units')).value).toBe(organisation.units.totalCount);
    expect((await figure(page, scope, 'sites')).value).toBe(organisation.locations.totalCount);
    expect((await figure(page, scope, 'programmes')).value).toBe(organisation.programmes.totalCount);
    const intakes = organisation.programmes.nodes.flatMap((programme) => programme.upcomingIntakes.nodes);
    expect(await figure(page, scope, 'free-places')).toEqual({
      value: null,
      text: BANDS[combined(intakes.map((intake) => intake.availability))],
    });
    expect((await figure(page, scope, 'participants')).value).toBe(organisation.participants);
    expect(intakes.length).toBeGreaterThan(0);
    for (const intake of intakes)
      expect(await page.locator(`[data-intake-id="${intake.id}"] [data-figure="intake-free-places"]`).getAttribute('data-band')).toBe(
        intake.availability,
      );
    expect(await page.locator('[data-testid="site-map"] .site-marker').count()).toBe(organisation.locations.nodes.length);
    await shown(page, '[data-testid="participation-sign-in"]');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'jobcenter');

    // Signed in by pasting a token: free places as numbers and the internal participation figures, as the graph gives them to that caller.
    const token = await staffToken();
    await signIn(page, token);
    await shown(page, '[data-testid="participation"]');
    const signedIn = await graph<Jobcenter>(
      'DashboardJobcenter',
      { organisationId: 'jobcenter-kreis-recklinghausen', year, signedIn: true },
      { authorization: `Bearer ${token}` },
    );
    const byYear = new Map<number, number>();
    for (const programme of signedIn.organisation.programmes.nodes)
      for (const entry of programme.participation ?? [])
        if (!entry.venue) byYear.set(entry.year, (byYear.get(entry.year) ?? 0) + entry.participants);
    const signedInIntakes = signedIn.organisation.programmes.nodes.flatMap((programme) => programme.upcomingIntakes.nodes);
    const free = signedInIntakes.reduce((sum, intake) => sum + intake.freePlaces!, 0);
    expect((await figure(page, scope, 'free-places')).value).toBe(free);
    for (const intake of signedInIntakes)
      expect((await figure(page, `[data-intake-id="${intake.id}"]`, 'intake-free-places')).value).toBe(intake.freePlaces);
    expect(byYear.size).toBeGreaterThan(0);
    for (const [figureYear, participants] of byYear)
      expect((await figure(page, '[data-testid="participation"]', `participation:${figureYear}`)).value).toBe(participants);
  });

  it('Who is responsible?: by postcode and by a click on the map, with opening and how to get there', async () => {
    const page = await open('/responsible');
    await page.getByRole('textbox', { name: 'Postleitzahl' }).fill('48159');
    await page.getByRole('button', { name: 'Zuständigkeit anzeigen' }).click();
    await page.waitForURL(/\/responsible\?postcode=48159$/);
    await shown(page, '.responsible-result .card[data-site-id]');
    const card = page.locator('.responsible-result .card[data-site-id]').first();
    type Responsible = {
      responsibleLocations: {
        places: { explanation: string; municipality: { id: string; jobcenter: { name: string } | null } }[];
        nodes: { location: { id: string; organisation: { name: string }; openingHours: { isOpen: boolean } | null } }[];
      };
      locations: { nodes: { id: string }[] };
    };
    const answer = await graph<Responsible>('DashboardResponsible', { postcode: '48159', ask: true });
    const [first] = answer.responsibleLocations.nodes;
    // The Gemeinde and its Jobcenter, from the reference layer (answered for any German postcode).
    const [place] = answer.responsibleLocations.places;
    expect(await page.locator(`[data-municipality-id="${place.municipality.id}"] [data-testid="place-explanation"]`).innerText()).toBe(
      place.explanation,
    );
    expect(await page.locator(`[data-municipality-id="${place.municipality.id}"] [data-testid="place-jobcenter"]`).innerText()).toBe(
      place.municipality.jobcenter!.name,
    );
    expect(await card.getAttribute('data-site-id')).toBe(first.location.id);
    expect(await card.locator('[data-testid="responsible-organisation"]').innerText()).toBe(first.location.organisation.name);
    expect(await card.locator('[data-testid="open-now"]').innerText()).toBe(
      first.location.openingHours!.isOpen ? 'geöffnet' : 'geschlossen',
    );
    if (!first.location.openingHours!.isOpen) await shown(page, '.responsible-result .card[data-site-id] [data-testid="next-opening"]');
    // Every site on the map, the responsible one highlighted.
    expect(await page.locator('[data-testid="site-map"] .site-marker').count()).toBe(answer.locations.nodes.length);
    expect(await page.locator('.site-marker-selected').getAttribute('data-site-id')).toBe(first.location.id);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'responsible');

    // A Gemeinde by name: the matching ones to choose from, then the answer for its official key.
    await page.getByLabel(/^oder Gemeinde/).fill('haltern');
    await page.getByRole('textbox', { name: 'Postleitzahl' }).fill('');
    await page.getByRole('button', { name: 'Zuständigkeit anzeigen' }).click();
    await page.getByRole('link', { name: 'Haltern am See' }).click();
    await page.waitForURL(/municipalityKey=05562016$/);
    const byKey = await graph<Responsible>('DashboardResponsible', { municipalityKey: '05562016', ask: true });
    await shown(page, `[data-municipality-id="${byKey.responsibleLocations.places[0].municipality.id}"] [data-testid="place-jobcenter"]`);
    expect(await page.locator('[data-testid="place-jobcenter"]').first().innerText()).toBe(
      byKey.responsibleLocations.places[0].municipality.jobcenter!.name,
    );

    // A click on the map asks for that point.
    const box = (await page.locator('[data-testid="site-map"]').boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.75);
    await page.waitForURL(/latitude=/);
    const url = new URL(page.url());
    const [latitude, longitude] = [Number(url.searchParams.get('latitude')), Number(url.searchParams.get('longitude'))];
    const atPoint = await graph<Responsible>('DashboardResponsible', { latitude, longitude, ask: true });
    await shown(page, `.responsible-result .card[data-site-id="${atPoint.responsibleLocations.nodes[0].location.id}"]`);
  });

  it('a stopped subgraph: the page shows what came back and names the subgraph that did not answer', async () => {
    const partners = hub.subgraphs.find((service) => service.name === 'partners')!;
    const exited = new Promise((resolve) => partners.process.once('exit', resolve));
    partners.process.kill('SIGKILL');
    await exited;
    // A district no test asked for yet, so that no cached answer hides the failure.
    const { status, body } = await post<{ district: Figures }>(hub.gatewayUrl, operation('DashboardDistrict'), {
      districtId: 'muenster-ost',
    });
    expect(status).toBe(200);
    const failed = [
      ...new Set((body.errors ?? []).map((error) => error.extensions?.subgraph).filter((name) => typeof name === 'string')),
    ].sort();
    expect({ failed, errors: body.errors }).toEqual({ failed: expect.arrayContaining(['partners']), errors: body.errors });
    expect(body.data?.district?.partnerCounts).toBeNull();

    const page = await open('/district/muenster-ost');
    await shown(page, '[role="alert"]');
    const alert = page.getByRole('alert');
    expect(await alert.getAttribute('data-failed-subgraphs')).toBe(failed.join(','));
    for (const name of failed) expect(await alert.innerText()).toContain(`Der Subgraph „${name}“ hat nicht geantwortet.`);
    expect(await alert.innerText()).toContain('Angezeigt wird, was zurückkam');
    // What the other subgraphs answered is there.
    await expectKeyFigures(page, body.data!.district);
    expect(await page.locator('[data-testid="site-map"] .site-marker').count()).toBe(body.data!.district.locations.nodes.length);
    expect(await page.locator('[data-testid="partner-counts"]').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'partial');
  });
});
