/**
 * @jobcenter-hub/service — what every service of the hub runs on, the gateway included: the HTTP server and its shutdown,
 * the env reader, logs, metrics, tracing, coded errors and callers. Loads no ORM and no type-graphql.
 */
export {
  acceptedSubgraphSecrets,
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
  subgraphCredential,
} from './auth';
export { LIST_SIZE, maxCostRule, operationCosts } from './cost';
export { envParts, readEnv, redactUrl } from './env';
export { badUserInput, createErrorFormatter, ErrorCode, notFound } from './errors';
export {
  closeGracefully,
  createHttpHandler,
  createHttpServer,
  GRAPHQL_PATH,
  INTERNAL_PATH_PREFIX,
  type InternalHandler,
  type InternalRequest,
  listen,
  type ReadinessCheck,
} from './http';
export { createLogger, type Logger } from './logger';
export { createRequestObserver, ServiceMetrics } from './metrics';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './page-size';
export { stopOnSignals, type StopOnSignalsOptions } from './shutdown';
export { countSql, currentSqlStatements, tallySqlStatement } from './sql-count';
export { flushTracing, PROBE_PARAMETER, startTracing, tracingConfigured } from './tracing';
