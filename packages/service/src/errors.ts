import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';

/** The error codes a client can rely on, in `extensions.code`. */
export const ErrorCode = {
  BadUserInput: 'BAD_USER_INPUT',
  /** The request itself is malformed (not its arguments): Apollo Server's refusals. */
  BadRequest: 'BAD_REQUEST',
  NotFound: 'NOT_FOUND',
  Forbidden: 'FORBIDDEN',
  Unauthenticated: 'UNAUTHENTICATED',
  Conflict: 'CONFLICT',
  Unavailable: 'SERVICE_UNAVAILABLE',
  Internal: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** An expected failure of a client's request: the argument path names what was wrong. */
export function badUserInput(argument: string, message: string): GraphQLError {
  return new GraphQLError(`${argument}: ${message}`, {
    extensions: { code: ErrorCode.BadUserInput, argument },
  });
}

export function notFound(type: string, id: string): GraphQLError {
  return new GraphQLError(`${type} ${JSON.stringify(id)} does not exist`, {
    extensions: { code: ErrorCode.NotFound, type, id },
  });
}

// `Transaction query already complete`: knex's word for a transaction whose connection died under it.
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P03', '08006', '08001']);

function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth += 1) {
    if ((current as { name?: unknown }).name === 'ConnectionException') return true;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
    const message = (current as { message?: unknown }).message;
    if (
      typeof message === 'string' &&
      /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|not queryable|connection error|the database system is (shutting down|starting up|in recovery mode)|terminating connection|Transaction query already complete/i.test(
        message,
      )
    )
      return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

interface ValidationFailure {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationFailure[];
}

/**
 * class-validator's findings (from type-graphql's input validation) as field paths and messages, e.g.
 * `input.name: name must be shorter than or equal to 200 characters`; the rejected values are not echoed.
 */
function validationProblems(error: unknown): { path: string; messages: string[] }[] | undefined {
  const failures = (error as { extensions?: { validationErrors?: ValidationFailure[] } })?.extensions?.validationErrors;
  if (!Array.isArray(failures)) return undefined;
  const problems: { path: string; messages: string[] }[] = [];
  const walk = (list: ValidationFailure[], prefix: string) => {
    for (const failure of list) {
      const path = `${prefix}.${failure.property}`;
      if (failure.constraints) problems.push({ path, messages: Object.values(failure.constraints) });
      if (failure.children?.length) walk(failure.children, path);
    }
  };
  walk(failures, 'input');
  return problems;
}

/**
 * Records on the unformatted error the code its client was answered with. Apollo hands plugins (the
 * request observer's log line and metrics, `createRequestObserver`) the errors before formatting, where
 * an uncoded error reads as INTERNAL_SERVER_ERROR; with the code recorded they say what the answer said.
 */
function recordAnsweredCode(error: unknown, formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (error instanceof GraphQLError && typeof code === 'string' && !Object.isFrozen(error.extensions)) {
    (error.extensions as Record<string, unknown>).code = code;
  }
  return formatted;
}

/**
 * Apollo's `formatError`: coded errors pass through; anything else becomes a masked
 * INTERNAL_SERVER_ERROR (or SERVICE_UNAVAILABLE when the database is unreachable). SQL text and stack
 * traces never reach a client in production; the original error is logged by the caller, with the code
 * the client got. That code is also recorded on the error, so the request's log line says the same.
 */
export function createErrorFormatter(options: { production: boolean; log: (error: unknown, answered: { code: ErrorCode }) => void }) {
  const format = createFormatter(options);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => recordAnsweredCode(error, format(formatted, error));
}

function createFormatter(options: Parameters<typeof createErrorFormatter>[0]) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const invalid = validationProblems(original);
    if (invalid) {
      return {
        message: invalid.map((problem) => `${problem.path}: ${problem.messages.join('; ')}`).join(' | '),
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: ErrorCode.BadUserInput, fields: invalid },
      };
    }
    // Apollo Server's own refusals of a malformed request (e.g. `provided sha does not match query` of
    // persisted queries) set HTTP 4xx but no code: the client's mistake, not an internal error.
    const status = (original as { extensions?: { http?: { status?: unknown } } })?.extensions?.http?.status;
    if (formatted.extensions?.code === ErrorCode.Internal && typeof status === 'number' && status >= 400 && status < 500) {
      return {
        message: formatted.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: ErrorCode.BadRequest },
      };
    }
    const code = formatted.extensions?.code;
    const known = typeof code === 'string' && code !== ErrorCode.Internal;
    if (known) {
      if (!options.production) return formatted;
      const { stacktrace: _dropped, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    if (isDatabaseUnavailable(original)) {
      options.log(original, { code: ErrorCode.Unavailable });
      return {
        message: 'The database is not reachable right now; try again shortly.',
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: ErrorCode.Unavailable },
      };
    }
    options.log(original, { code: ErrorCode.Internal });
    if (!options.production) return formatted;
    return {
      message: 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.Internal },
    };
  };
}
