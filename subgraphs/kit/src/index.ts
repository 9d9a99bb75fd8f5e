export { answerIsLive, CACHE_CONTROL_SDL, cacheHint, createCachePolicyPlugins, LIVE_MAX_AGE, REFERENCE_MAX_AGE } from './cache-control';
export { envParts, readEnv, redactUrl } from './env';
export { badUserInput, createErrorFormatter, ErrorCode, notFound } from './errors';
export { buildFederatedSchema, FEDERATION_LINK, type ReferenceResolvers } from './federation';
export { closeGracefully, createHttpHandler, createHttpServer, GRAPHQL_PATH, listen, type ReadinessCheck } from './http';
export { createByIdLoader, createGroupLoader } from './loaders';
export { createLogger, type Logger } from './logger';
export { connectOrm, createOrmConfig, databaseReachable, DatabaseUnreachableError, migrateUp, type OrmSettings } from './orm';
export { printSubgraphSdl } from './sdl';
export { attachSqlCounter, countSql, currentSqlStatements } from './sql-counter';
export {
  createSubgraphApollo,
  readSubgraphEnv,
  runSubgraph,
  subgraphEnvSchema,
  type SubgraphEnv,
  type SubgraphParts,
  type SubgraphSpec,
} from './subgraph';
export { Provenance, SourceKind } from './provenance';
export * as demo from './demo';
export { PublishedEntity } from './published';
export {
  createConnectionType,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  type Page,
  PageArgs,
  PageInfo,
  paginateArray,
  paginateQuery,
  readPageArgs,
} from './pagination';
export { matchesText, MAX_SEARCH_LENGTH, readSearch, TEXT_SEARCH_SQL, textSearchIndexSql } from './search';
export {
  isOpenAt,
  localTime,
  publicHolidaysNrw,
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
export { createRequestObserver, ServiceMetrics } from './metrics';
export {
  ANONYMOUS,
  assertAdmin,
  assertCanWrite,
  assertViewer,
  type Caller,
  createTokenVerifier,
  DEV_SECRET,
  GATEWAY_SECRET_HEADER,
  hasRole,
  type Role,
  signDevToken,
} from './auth';
export { archiveRecord, AuditAction, AuditEvent, createRecord, RequireViewer, updateRecord, type WriteContext } from './records';
export {
  applyChanges,
  createAuditTrailResolver,
  CreateInputBase,
  ID_PATTERN,
  newRecordBasics,
  SourceInput,
  UpdateInputBase,
} from './write-api';
export { flushTracing, startTracing, tracingConfigured } from './tracing';
export { CLASS_VALIDATOR_NULL_MESSAGE, IfSent, IsCalendarDate, isCalendarDate, IsLaterThan, TIME_OF_DAY } from './validation';
export { MonthlyHoursInput, ScheduleExceptionInput, ScheduleInput, TimeRangeInput, toScheduleData, WeeklyHoursInput } from './schedule.input';
