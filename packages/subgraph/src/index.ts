/**
 * @jobcenter-hub/subgraph — the subgraph layer, used by subgraphs only: the type-graphql → federation
 * bridge, the subgraph server, MikroORM set-up, published records with provenance and audit, pagination,
 * loaders, search, schedules and the shared input validators. Builds on @jobcenter-hub/service.
 */
// type-graphql's decorators need the Reflect metadata API before any decorated class loads; importing it
// here means every user of the layer (subgraphs, seeders, the scale data of scripts) gets it first.
import 'reflect-metadata';
export { answerIsLive, CACHE_CONTROL_SDL, cacheHint, createCachePolicyPlugins, LIVE_MAX_AGE, REFERENCE_MAX_AGE } from './cache-control';
export { inputConflict, isPlausibleReferenceId, readId } from './checks';
export { type Clock, systemClock, today } from './clock';
export { createRequestContextFactory, type RequestContext } from './context';
export { buildFederatedSchema, FEDERATION_LINK, type ReferenceResolvers } from './federation';
export { DATE_TIME_YEARS, DEFAULT_MAX_TEXT_LENGTH, guardResolvers } from './input-rules';
export { createByIdLoader, createGroupLoader, perFilter } from './loaders';
export { createPlainByIdLoader, createPlainGroupLoader, createRowMapper, type PlainLoaderOptions, type Row } from './read-rows';
export { connectOrm, createOrmConfig, databaseReachable, DatabaseUnreachableError, migrateUp, type OrmSettings } from './orm';
export {
  createConnectionType,
  openCursor,
  type Page,
  PageArgs,
  PageInfo,
  paginateArray,
  paginateQuery,
  readPageArgs,
  sealCursor,
} from './pagination';
export { assertOwnerFollows, assertSignedIn, type NaturalOwner } from './ownership';
export { Provenance, SourceKind } from './provenance';
export { grantedSql, Grants, REFERENCE_LAYER_OWNER, textArray } from './grants';
export { PublishedEntity } from './published';
export { assertNotOwnAncestor, findReferenced, findReferencedGranted } from './references';
export {
  assertCallerOrganisationLive,
  assertReference,
  assertReferences,
  CORE_SUBGRAPHS,
  type CoreSubgraph,
  DEFAULT_REFERENCE_CACHE_MS,
  DEFAULT_REFERENCE_TIMEOUT_MS,
  grantKey,
  GRANTS_PATH,
  internalUrl,
  type LocalReferences,
  type LocalReferenceType,
  MAX_REFERENCE_IDS,
  REFERENCE_OWNERS,
  REFERENCE_TYPES,
  type References,
  type ReferenceSettings,
  referenceSettingsFromEnv,
  referenceShows,
  ReferenceSource,
  type ReferenceState,
  referenceStateOf,
  type ReferenceTarget,
  type ReferenceType,
  referenceVisible,
  REFERENCES_PATH,
} from './remote-references';
export { archiveRecord, AuditAction, AuditEvent, createRecord, RequireViewer, updateRecord, type WriteContext } from './records';
export {
  HOLIDAY_YEARS,
  type HolidayRegion,
  holidayRegionOfKey,
  holidayRegionOfKeys,
  isPublicHoliday,
  type Land,
  LAND_BY_KEY_PREFIX,
  LANDS,
  publicHolidays,
} from './holidays';
export {
  AnnualScheduleException,
  isOpenAt,
  localTime,
  PublicHoliday,
  Schedule,
  type ScheduleData,
  ScheduleException,
  ScheduleResolver,
  TIME_ZONE,
  TimeRange,
  toOsmOpeningHours,
  toSchedule,
  Weekday,
  WeeklyHours,
} from './schedule';
export {
  AnnualScheduleExceptionInput,
  MonthlyHoursInput,
  ScheduleExceptionInput,
  ScheduleInput,
  TimeRangeInput,
  toScheduleData,
  WeeklyHoursInput,
} from './schedule.input';
export { printSubgraphSdl } from './sdl';
export { matchesText, MAX_SEARCH_LENGTH, readSearch, SEARCH_DESCRIPTION, TEXT_SEARCH_SQL, textSearchIndexSql } from './search';
export { forkRequestEm, LIVE_FILTER, publishedEntityNames, WITH_ARCHIVED } from './soft-delete';
export { attachSqlCounter } from './sql-counter';
export { representationLimitPlugin, subgraphShapeRule, type SubgraphLimits } from './limits';
export {
  createSubgraphApollo,
  DEFAULT_SUBGRAPH_LIMITS,
  readSubgraphEnv,
  runSubgraph,
  subgraphEnvSchema,
  type SubgraphEnv,
  type SubgraphParts,
  type SubgraphServerOptions,
  type SubgraphSpec,
} from './subgraph';
export { CLASS_VALIDATOR_NULL_MESSAGE, IfSent, IsCalendarDate, isCalendarDate, IsLaterThan, TIME_OF_DAY } from './validation';
export {
  applyChanges,
  createAuditTrailResolver,
  CreateInputBase,
  ID_PATTERN,
  newRecordBasics,
  pickFields,
  provenanceOf,
  SourceInput,
  UpdateInputBase,
} from './write-api';
