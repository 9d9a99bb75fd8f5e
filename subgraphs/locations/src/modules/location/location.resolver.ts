import {
  answerIsLive,
  isOpenAt,
  matchesText,
  type Page,
  PageArgs,
  paginateArray,
  paginateQuery,
  readPageArgs,
  readSearch,
  referenceVisible,
  Schedule,
  toSchedule,
} from '@jobcenter-hub/subgraph';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import type { LocationsContext } from '../../context';
import { District } from '../district/district.entity';
import { OrganisationStub } from '../organisation/organisation.stub';
import { OrganisationUnitStub } from '../organisation-unit/organisation-unit.stub';
import { keepShownDistrictReferences, keepShownServiceAreas } from '../service-area/service-area.checks';
import { ServiceArea } from '../service-area/service-area.entity';
import { LocationsArgs, LocationsNearArgs, ResponsibleLocationsArgs, TransportStopsArgs } from './location.args';
import { assertOnePlace, readPlace, readPoint, readRadius } from './location.checks';
import { Accessibility, Entrance, Location, TransportStop } from './location.entity';
import { LocationConnection, NearbyLocationConnection, ResponsibilityConnection } from './location.types';
import { asksOnlyPlaces } from '../place/place.resolver';
import { findNearby, findResponsibility, inDistrictOrItsCityDistricts } from './location.queries';
import { shownThroughColumn } from './location.loader';
import { holidayRegionOfLocation } from './location.holidays';

@Resolver(() => Location)
export class LocationResolver {
  @Query(() => Location, { nullable: true, description: 'One site by id; null when there is none.' })
  location(@Arg('id', () => ID) id: string, @Ctx() ctx: LocationsContext): Promise<Location | null> {
    return ctx.loaders.location.load(id);
  }

  @Query(() => LocationConnection, { description: 'Sites ordered by name; filter by district, organisation, kind, name, open now.' })
  async locations(
    // type-graphql 2.0.0-rc.4 prints arguments in reverse parameter order: filters first, then first/after.
    @Args(() => PageArgs) page: PageArgs,
    @Args(() => LocationsArgs) { districtId, organisationId, kind, openNow, search }: LocationsArgs,
    @Ctx() ctx: LocationsContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Page<Location>> {
    const text = readSearch(search);
    readPageArgs(page, undefined);
    // A site shows under an organisation only while that organisation's owner grants the site's owner
    // references (or they are the same): the grants are asked only for this filter.
    const grants = organisationId ? await ctx.references.grants() : undefined;
    // Archived sites are left out by the `live` filter.
    const where = () => ({
      ...(kind ? { kind } : {}),
      ...(organisationId ? { organisationId, ...shownThroughColumn('organisation_owner_id', grants!) } : {}),
      ...(districtId ? inDistrictOrItsCityDistricts(districtId) : {}),
      ...(text ? matchesText(text) : {}),
    });
    if (openNow === undefined && !districtId) return paginateQuery(ctx.em, Location, where, page);
    // Opening hours are rules, not rows: evaluate them on the filtered sites (a Jobcenter has tens). The
    // sites of a district show only while they may name it (the district rule): also decided on the rows.
    const found = await ctx.em.find(Location, where(), { orderBy: { name: 'asc', id: 'asc' } });
    const rows = districtId ? await keepSitesShownInTheirDistricts(ctx, found) : found;
    if (openNow === undefined) return paginateArray(rows, page, (row) => [row.name, row.id]);
    answerIsLive(info);
    const regions = await Promise.all(rows.map((row) => (row.openingHoursData ? holidayRegionOfLocation(row, ctx) : null)));
    const matching = rows.filter(
      (row, index) => (row.openingHoursData ? isOpenAt(row.openingHoursData, ctx.now, regions[index]) : false) === openNow,
    );
    return paginateArray(matching, page, (row) => [row.name, row.id]);
  }

  @Query(() => NearbyLocationConnection, {
    description: `Sites within radiusKm of a point, nearest first (GiST index on the earth position); optionally of one kind and open at a time.`,
  })
  async locationsNear(
    @Args(() => PageArgs) page: PageArgs,
    @Args(() => LocationsNearArgs) args: LocationsNearArgs,
    @Ctx() ctx: LocationsContext,
  ) {
    const point = readPoint(args.latitude, args.longitude);
    const radiusKm = readRadius(args.radiusKm);
    readPageArgs(page, undefined);
    const { kind, openAt } = args;
    const nearby = await findNearby(ctx.em, { ...point, radiusKm, kind });
    // The regions came with the rows: `openingHours` of the sites shown asks the loader, which knows them.
    for (const { location, holidayRegion } of nearby) ctx.loaders.holidayRegion.prime(location.district.id, holidayRegion);
    const open = openAt
      ? nearby.filter(
          ({ location, holidayRegion }) => location.openingHoursData && isOpenAt(location.openingHoursData, openAt, holidayRegion),
        )
      : nearby;
    return paginateArray(open, page, (item) => [item.distanceKm, item.location.id]);
  }

  @Query(() => ResponsibilityConnection, {
    description: 'Which site serves a place? Give exactly one of postcode, municipalityKey (AGS), districtId, or latitude+longitude.',
  })
  async responsibleLocations(
    @Args(() => PageArgs) page: PageArgs,
    @Args(() => ResponsibleLocationsArgs) args: ResponsibleLocationsArgs,
    @Ctx() ctx: LocationsContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    assertOnePlace(args);
    readPageArgs(page, undefined);
    const selector = readPlace(args);
    // Only `places` asked for (the reference layer's answer): the service areas are not looked up at all.
    if (asksOnlyPlaces(info)) return { ...paginateArray([], page, () => []), place: selector };
    // An area shows only while its site and its district are its owner's own, granted, or (a district of
    // the reference layer) inside its owner's area: see keepShownServiceAreas.
    const answers = await keepShownServiceAreas(ctx, await findResponsibility(ctx.em, selector), (answer) => ({
      ownerId: answer.area.ownerId,
      siteOwnerId: answer.location.ownerId,
      district: answer.district,
    }));
    // `place`: for ResponsibilityConnection.places (the reference layer's answer), resolved only when asked.
    return { ...paginateArray(answers, page, (answer) => [answer.area.location.id, answer.area.id]), place: selector };
  }

  @FieldResolver(() => District, { description: 'The municipality or city district the site is in.' })
  async district(@Root() location: Location, @Ctx() ctx: LocationsContext): Promise<District> {
    return (await ctx.loaders.district.load(location.district.id)) as District;
  }

  @FieldResolver(() => OrganisationUnitStub, {
    nullable: true,
    description:
      "The organisation unit housed at the site; null when none, or while the unit's owner does not grant the site's owner references.",
  })
  async unit(@Root() location: Location, @Ctx() ctx: LocationsContext): Promise<OrganisationUnitStub | null> {
    if (!location.unitId) return null;
    return (await shownThroughNow(ctx, location.ownerId, location.unitOwnerId)) ? { id: location.unitId } : null;
  }

  @FieldResolver(() => OrganisationStub, {
    nullable: true,
    description: "The organisation running the site; null while that organisation's owner does not grant the site's owner references.",
  })
  async organisation(@Root() location: Location, @Ctx() ctx: LocationsContext): Promise<OrganisationStub | null> {
    return (await shownThroughNow(ctx, location.ownerId, location.organisationOwnerId)) ? { id: location.organisationId } : null;
  }

  @FieldResolver(() => Schedule, {
    nullable: true,
    description:
      "Opening hours (Europe/Berlin); null when not published. Public holidays (`PH`) are those of the site's Land, chosen by the official municipality key of its district (see `publicHolidayLand`).",
  })
  async openingHours(@Root() location: Location, @Ctx() ctx: LocationsContext): Promise<Schedule | null> {
    return location.openingHoursData ? toSchedule(location.openingHoursData, await holidayRegionOfLocation(location, ctx)) : null;
  }

  @FieldResolver(() => [Entrance])
  entrances(@Root() location: Location): Entrance[] {
    return location.entrancesData.map((entrance) => ({
      ...entrance,
      description: entrance.description ?? null,
      stepFree: entrance.stepFree ?? null,
    }));
  }

  @FieldResolver(() => [TransportStop], { description: 'Public-transport stops nearby, nearest first; optionally of one mode.' })
  transportStops(@Args(() => TransportStopsArgs) { mode }: TransportStopsArgs, @Root() location: Location): TransportStop[] {
    return location.transportStopsData
      .filter((stop) => !mode || stop.mode === mode)
      .sort((a, b) => a.walkingMinutes - b.walkingMinutes || a.name.localeCompare(b.name));
  }

  @FieldResolver(() => Accessibility)
  accessibility(@Root() location: Location): Accessibility {
    return {
      stepFree: location.stepFree ?? null,
      lift: location.lift ?? null,
      accessibleToilet: location.accessibleToilet ?? null,
      hearingLoop: location.hearingLoop ?? null,
    };
  }

  @FieldResolver(() => [ServiceArea], {
    description: 'The areas this site is responsible for (those whose district is live and may be named: see responsibleLocations).',
  })
  async serviceAreas(@Root() location: Location, @Ctx() ctx: LocationsContext): Promise<ServiceArea[]> {
    const areas = await ctx.loaders.serviceAreasByLocation.load(location.id);
    if (areas.length === 0) return [];
    const districts = await ctx.loaders.district.loadMany(areas.map((area) => area.district.id));
    const withDistricts = areas.flatMap((area, index) => {
      const district = districts[index];
      return district instanceof District && !district.archivedAt ? [{ area, district }] : [];
    });
    const shown = await keepShownServiceAreas(ctx, withDistricts, ({ area, district }) => ({
      ownerId: area.ownerId,
      siteOwnerId: location.ownerId,
      district,
    }));
    return shown.map(({ area }) => area);
  }
}

/** `shownThrough` with the request's grants, asked only for a foreign reference (`referenceVisible`). */
async function shownThroughNow(ctx: LocationsContext, ownerId: string, targetOwnerId: string | null | undefined): Promise<boolean> {
  return !targetOwnerId || referenceVisible(ctx.references, targetOwnerId, ownerId);
}

/** The sites among `sites` that may name their district (the district rule, keepShownDistrictReferences); districts by the request's loader. */
async function keepSitesShownInTheirDistricts(ctx: LocationsContext, sites: Location[]): Promise<Location[]> {
  const districts = await ctx.loaders.district.loadMany(sites.map((site) => site.district.id));
  const withDistricts = sites.flatMap((site, index) => {
    const district = districts[index];
    return district instanceof District ? [{ site, district }] : [];
  });
  const shown = await keepShownDistrictReferences(
    ctx,
    withDistricts,
    ({ site, district }) => ({ ownerId: site.ownerId, district }),
    'place',
  );
  return shown.map(({ site }) => site);
}

/** `_entities` for Location: batched through the request's loader. */
export const resolveLocationReference = (reference: { id: string }, ctx: LocationsContext) => ctx.loaders.location.load(reference.id);
