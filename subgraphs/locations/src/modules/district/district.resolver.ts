import { badUserInput } from '@jobcenter-hub/service';
import {
  matchesText,
  PageArgs,
  paginateArray,
  paginateQuery,
  Provenance,
  readPageArgs,
  readSearch,
  SourceKind,
} from '@jobcenter-hub/subgraph';
import { raw } from '@mikro-orm/core';
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { LocationsContext } from '../../context';
import { DistrictIndicatorsArgs } from '../district-indicator/district-indicator.args';
import { DistrictIndicator } from '../district-indicator/district-indicator.entity';
import { LocationListArgs } from '../location/location.args';
import { LocationConnection } from '../location/location.types';
import { GEMEINDE_KINDS } from '../place/place.queries';
import { keepShownDistrictReferences } from '../service-area/service-area.checks';
import { DistrictsArgs, MunicipalitiesArgs } from './district.args';
import { District } from './district.entity';
import { ofMunicipality } from './district.queries';
import { DistrictConnection, PopulationFigure } from './district.types';

@Resolver(() => District)
export class DistrictResolver {
  @Query(() => District, { nullable: true, description: 'One district by id; null when there is none.' })
  district(@Arg('id', () => ID) id: string, @Ctx() ctx: LocationsContext): Promise<District | null> {
    return ctx.loaders.district.load(id);
  }

  @Query(() => DistrictConnection, { description: 'Districts ordered by name; filter by kind, parent city or name.' })
  districts(
    // type-graphql 2.0.0-rc.4 prints arguments in reverse parameter order: filters first, then first/after.
    @Args(() => PageArgs) page: PageArgs,
    @Args(() => DistrictsArgs) { kind, parentId, municipalityKey, search }: DistrictsArgs,
    @Ctx() ctx: LocationsContext,
  ) {
    const text = readSearch(search);
    // Archived districts are left out by the `live` filter.
    return paginateQuery(
      ctx.em,
      District,
      () => ({
        ...(kind ? { kind } : {}),
        ...(parentId ? { parent: parentId } : {}),
        ...(municipalityKey ? ofMunicipality(municipalityKey) : {}),
        ...(text ? matchesText(text) : {}),
      }),
      page,
    );
  }

  @Query(() => DistrictConnection, {
    description: 'The Gemeinden (and unincorporated areas) of a Kreis or kreisfreie Stadt, ordered by name; optionally by name.',
  })
  municipalities(
    @Args(() => PageArgs) page: PageArgs,
    @Args(() => MunicipalitiesArgs) { kreisKey, search }: MunicipalitiesArgs,
    @Ctx() ctx: LocationsContext,
  ) {
    if (!/^\d{5}$/.test(kreisKey)) throw badUserInput('kreisKey', 'must be the official key of a Kreis of five digits, e.g. "05562"');
    const text = readSearch(search);
    // The Kreis by its key (unique index), its Gemeinden by parent (index): a subquery, as in ofMunicipality.
    return paginateQuery(
      ctx.em,
      District,
      () => ({
        kind: { $in: GEMEINDE_KINDS },
        [raw((alias: string) => `${alias}.parent_id in (select k.id from district k where k.official_key = ?)`, [kreisKey])]: [],
        ...(text ? matchesText(text) : {}),
      }),
      page,
    );
  }

  @FieldResolver(() => PopulationFigure, {
    nullable: true,
    description: 'The newest population figure (for a Gemeinde the Zensus 2022 where it has one; above: the sum of its Gemeinden).',
  })
  population(@Root() district: District): PopulationFigure | null {
    return this.populations(district)[0] ?? null;
  }

  @FieldResolver(() => [PopulationFigure], { description: 'Population figures with their dates and sources, newest first.' })
  populations(@Root() district: District): PopulationFigure[] {
    return [...(district.populationsData ?? [])]
      .sort((a, b) => b.date.localeCompare(a.date))
      .map((figure) => ({
        count: figure.count,
        year: Number(figure.date.slice(0, 4)),
        date: figure.date,
        source: new Provenance(SourceKind.PUBLIC_RECORD, figure.citation),
      }));
  }

  @FieldResolver(() => [String], {
    description:
      'The postcodes that touch this Gemeinde (a postcode can touch several), from OpenStreetMap: © OpenStreetMap contributors, ODbL 1.0. Empty for the other levels.',
  })
  async postcodes(@Root() district: District, @Ctx() ctx: LocationsContext): Promise<string[]> {
    if (!GEMEINDE_KINDS.includes(district.kind)) return [];
    return (await ctx.loaders.postcodesByDistrict.load(district.id)).map((row) => row.postcode);
  }

  @FieldResolver(() => District, {
    nullable: true,
    description:
      "The district one level up: a city district's city, a Gemeinde's Kreis, a Kreis's Regierungsbezirk (or Land), a Regierungsbezirk's Land. Null while the parent's owner does not grant the district's owner references (the reference layer's districts, owner destatis, may always be named).",
  })
  async parent(@Root() district: District, @Ctx() ctx: LocationsContext): Promise<District | null> {
    const parent = district.parent ? await ctx.loaders.district.load(district.parent.id) : null;
    if (!parent) return null;
    return (await keepShownDistrictReferences(ctx, [district], () => ({ ownerId: district.ownerId, district: parent }), 'place')).length
      ? parent
      : null;
  }

  @FieldResolver(() => DistrictConnection, {
    description: "The districts one level down: a city's city districts, a Kreis's Gemeinden, a Land's Regierungsbezirke or Kreise.",
  })
  async children(@Args(() => PageArgs) page: PageArgs, @Root() district: District, @Ctx() ctx: LocationsContext) {
    readPageArgs(page, undefined);
    // A city district shows among its city's children only while it may name the city (the district rule).
    const children = await keepShownDistrictReferences(
      ctx,
      await ctx.loaders.districtsByParent.load(district.id),
      (child) => ({
        ownerId: child.ownerId,
        district,
      }),
      'place',
    );
    return paginateArray(children, page, (child) => [child.name, child.id]);
  }

  @FieldResolver(() => LocationConnection, { description: 'The sites in this district (for a city: not those of its city districts).' })
  async locations(
    @Args(() => PageArgs) page: PageArgs,
    @Args(() => LocationListArgs) { kind }: LocationListArgs,
    @Root() district: District,
    @Ctx() ctx: LocationsContext,
  ) {
    readPageArgs(page, undefined);
    // Sites show in a district only while they may name it (the district rule).
    const sites = await keepShownDistrictReferences(
      ctx,
      await ctx.loaders.locationsByDistrict.load(district.id),
      (site) => ({
        ownerId: site.ownerId,
        district,
      }),
      'place',
    );
    return paginateArray(kind ? sites.filter((site) => site.kind === kind) : sites, page, (site) => [site.name, site.id]);
  }

  @FieldResolver(() => [DistrictIndicator], { description: 'Population and benefit figures by year, newest first.' })
  async indicators(
    @Args(() => DistrictIndicatorsArgs) { year }: DistrictIndicatorsArgs,
    @Root() district: District,
    @Ctx() ctx: LocationsContext,
  ): Promise<DistrictIndicator[]> {
    const rows = await ctx.loaders.indicatorsByDistrict.load(district.id);
    return year === undefined ? rows : rows.filter((row) => row.year === year);
  }

  @FieldResolver(() => DistrictIndicator, { nullable: true, description: 'The newest figures.' })
  async latestIndicator(@Root() district: District, @Ctx() ctx: LocationsContext): Promise<DistrictIndicator | null> {
    return (await ctx.loaders.indicatorsByDistrict.load(district.id))[0] ?? null;
  }
}

/** `_entities` for District: batched through the request's loader. */
export const resolveDistrictReference = (reference: { id: string }, ctx: LocationsContext) => ctx.loaders.district.load(reference.id);
