import type { GraphQLFormattedError } from 'graphql';
import { createErrorFormatter } from '@jobcenter-hub/service';

/** The most characters of one name or value of the client's that an error message repeats. */
export const MAX_ECHOED_CHARS = 100;
/** The most characters of one error message (and of each stack trace line, in development). */
const MAX_MESSAGE_CHARS = 1_000;

/** The client's text cut to `MAX_ECHOED_CHARS`, with `…` and how much was left out. */
export function shortenClientText(text: string): string {
  if (text.length <= MAX_ECHOED_CHARS) return text;
  return `${text.slice(0, MAX_ECHOED_CHARS)}… (${text.length - MAX_ECHOED_CHARS} more characters)`;
}

/**
 * graphql-js and Apollo quote what the client sent (`Cannot query field "…"`, `found "…"`): every quoted
 * piece is cut to `MAX_ECHOED_CHARS`, then the whole message to `MAX_MESSAGE_CHARS`, so that a 500 KB
 * name is not sent back once in the message and again in the stack trace.
 */
export function shortenMessage(message: string): string {
  const quoted = message.replace(/"([^"]{101,})"/g, (_all, inner: string) => `"${shortenClientText(inner)}"`);
  return quoted.length <= MAX_MESSAGE_CHARS ? quoted : `${quoted.slice(0, MAX_MESSAGE_CHARS)}…`;
}

/**
 * The gateway's `formatError`: the shared one (coded errors pass, others are masked and logged), with
 * the client's text in messages and stack traces shortened.
 */
export function createGatewayErrorFormatter(options: Parameters<typeof createErrorFormatter>[0]) {
  const format = createErrorFormatter(options);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const result = format(formatted, error);
    const stacktrace = result.extensions?.stacktrace;
    return {
      ...result,
      message: shortenMessage(result.message),
      ...(Array.isArray(stacktrace)
        ? { extensions: { ...result.extensions, stacktrace: stacktrace.map((line) => shortenMessage(String(line))) } }
        : {}),
    };
  };
}
