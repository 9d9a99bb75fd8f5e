/**
 * The state of each subgraph, apart from the gateway's readiness (issue 18): whether it answers its
 * `/health`, and whether its `_service { sdl }` still offers what the served supergraph expects of it
 * (SDL drift: a field removed at run time would make every plan that uses it fail validation there).
 * Checked when the gateway starts and every `GATEWAY_SDL_CHECK_MS`; reported at `/health/details`, as
 * the metrics `hub_subgraph_up` and `hub_subgraph_sdl_drift`, and in the log when a state changes.
 * `/ready` does not depend on it: one unreachable subgraph must not take the gateway out of service.
 */
import { GATEWAY_SECRET_HEADER, type Logger, PROBE_PARAMETER, subgraphCredential } from '@jobcenter-hub/service';
import {
  type ConstDirectiveNode,
  type DefinitionNode,
  type FieldDefinitionNode,
  type InputValueDefinitionNode,
  Kind,
  parse,
  print,
  type StringValueNode,
} from 'graphql';
import type { GatewayMetrics } from './metrics';

export interface SubgraphState {
  /** The URL the gateway calls it at. */
  url: string;
  /** It answered `GET /health` with 200 at the last check. */
  reachable: boolean;
  /** `match`: its SDL offers everything the supergraph expects of it; `drift`: it does not; `unknown`: its SDL could not be read. */
  sdl: 'match' | 'drift' | 'unknown';
  /** With `drift`: what the supergraph expects that its SDL lacks or types differently (`Type.field`, `Enum.VALUE`). */
  drift: string[];
  /** Why the SDL could not be read (`unknown`). */
  error?: string;
  /** When it was last checked (ISO 8601). */
  checkedAt: string;
}

const directives = (node: { directives?: readonly ConstDirectiveNode[] }, name: string) =>
  (node.directives ?? []).filter((directive) => directive.name.value === name);
const argument = (directive: ConstDirectiveNode, name: string) => directive.arguments?.find((arg) => arg.name.value === name)?.value;
const enumArgument = (directive: ConstDirectiveNode, name: string) => {
  const value = argument(directive, name);
  return value?.kind === Kind.ENUM ? value.value : undefined;
};
const isInternalType = (name: string) => name.startsWith('_') || name.startsWith('join__') || name.startsWith('link__');

/**
 * What the supergraph expects of each subgraph, by subgraph name: `Type.field` → its type as the
 * subgraph declares it, and `Enum.VALUE` → `enum value`, read from the supergraph's `@join__*` directives.
 * Fields the subgraph only marks `@external` are left out.
 */
export function expectedOfSubgraphs(supergraphSdl: string): Map<string, Map<string, string>> {
  const document = parse(supergraphSdl);
  const graphNames = new Map<string, string>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const name = directives(value, 'join__graph')
        .map((directive) => argument(directive, 'name'))
        .find((arg): arg is StringValueNode => arg?.kind === Kind.STRING);
      if (name) graphNames.set(value.name.value, name.value);
    }
  }
  const expected = new Map([...graphNames.values()].map((name) => [name, new Map<string, string>()]));
  const expect = (graph: string | undefined, key: string, what: string) => {
    const name = graph && graphNames.get(graph);
    if (name) expected.get(name)!.set(key, what);
  };
  for (const definition of document.definitions) {
    if (!('name' in definition) || !definition.name || isInternalType(definition.name.value)) continue;
    const typeName = definition.name.value;
    const typeGraphs = directives(definition as { directives?: readonly ConstDirectiveNode[] }, 'join__type').map((directive) =>
      enumArgument(directive, 'graph'),
    );
    if (
      definition.kind === Kind.OBJECT_TYPE_DEFINITION ||
      definition.kind === Kind.INTERFACE_TYPE_DEFINITION ||
      definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION
    ) {
      for (const field of (definition.fields ?? []) as readonly (FieldDefinitionNode | InputValueDefinitionNode)[]) {
        const key = `${typeName}.${field.name.value}`;
        const joins = directives(field, 'join__field');
        if (joins.length === 0) {
          for (const graph of typeGraphs) expect(graph, key, print(field.type));
          continue;
        }
        for (const join of joins) {
          const external = argument(join, 'external');
          if (external?.kind === Kind.BOOLEAN && external.value) continue;
          const declared = argument(join, 'type');
          expect(enumArgument(join, 'graph'), key, declared?.kind === Kind.STRING ? declared.value : print(field.type));
        }
      }
    } else if (definition.kind === Kind.ENUM_TYPE_DEFINITION) {
      for (const value of definition.values ?? []) {
        const key = `${typeName}.${value.name.value}`;
        const joins = directives(value, 'join__enumValue');
        for (const graph of joins.length > 0 ? joins.map((join) => enumArgument(join, 'graph')) : typeGraphs) {
          expect(graph, key, 'enum value');
        }
      }
    }
  }
  return expected;
}

/** What a subgraph's SDL offers: `Type.field` → its type, `Enum.VALUE` → `enum value` (definitions and extensions alike). */
export function offeredBySdl(sdl: string): Map<string, string> {
  const offered = new Map<string, string>();
  for (const definition of parse(sdl).definitions as readonly DefinitionNode[]) {
    switch (definition.kind) {
      case Kind.OBJECT_TYPE_DEFINITION:
      case Kind.OBJECT_TYPE_EXTENSION:
      case Kind.INTERFACE_TYPE_DEFINITION:
      case Kind.INTERFACE_TYPE_EXTENSION:
      case Kind.INPUT_OBJECT_TYPE_DEFINITION:
      case Kind.INPUT_OBJECT_TYPE_EXTENSION:
        for (const field of definition.fields ?? []) offered.set(`${definition.name.value}.${field.name.value}`, print(field.type));
        break;
      case Kind.ENUM_TYPE_DEFINITION:
      case Kind.ENUM_TYPE_EXTENSION:
        for (const value of definition.values ?? []) offered.set(`${definition.name.value}.${value.name.value}`, 'enum value');
        break;
      default:
    }
  }
  return offered;
}

/** What `expected` names that `offered` lacks or types differently, one line each, sorted. */
export function sdlDrift(expected: ReadonlyMap<string, string>, offered: ReadonlyMap<string, string>): string[] {
  const drift: string[] = [];
  for (const [key, what] of expected) {
    const actual = offered.get(key);
    if (actual === undefined) drift.push(`${key}: missing`);
    else if (actual !== what) drift.push(`${key}: ${actual} (the supergraph has ${what})`);
  }
  return drift.sort();
}

export interface SubgraphChecksOptions {
  /** The URL each subgraph of the served supergraph is called at (kept current by supergraph.ts). */
  routingUrls: ReadonlyMap<string, string>;
  /** The served supergraph's SDL (kept current by supergraph.ts). */
  supergraphSdl: () => string;
  /** GATEWAY_SHARED_SECRET: each subgraph is sent its own credential derived from it. */
  sharedSecret?: string;
  /** How often to check again; 0: only when the gateway starts. */
  intervalMs: number;
  /** How long one check of one subgraph may take. */
  timeoutMs?: number;
  logger: Logger;
  metrics?: GatewayMetrics;
}

/** Checks every subgraph now and every `intervalMs`; `states()` is the latest result, `stop()` ends the timer. */
export function startSubgraphChecks(options: SubgraphChecksOptions) {
  const { logger } = options;
  const timeoutMs = options.timeoutMs ?? 2_000;
  let states: Record<string, SubgraphState> = {};
  let expectedFor = { sdl: '', expected: new Map<string, Map<string, string>>() };

  const checkOne = async (name: string, url: string, expected: ReadonlyMap<string, string>): Promise<SubgraphState> => {
    const checkedAt = new Date().toISOString();
    const reachable = await fetch(new URL('/health', url), { signal: AbortSignal.timeout(timeoutMs) })
      .then((response) => response.ok)
      .catch(() => false);
    try {
      // Marked as a probe: not traced, here nor in the subgraph (packages/service tracing.ts).
      const probe = new URL(url);
      probe.searchParams.set(PROBE_PARAMETER, 'sdl');
      const response = await fetch(probe, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(options.sharedSecret ? { [GATEWAY_SECRET_HEADER]: subgraphCredential(options.sharedSecret, name) } : {}),
        },
        body: JSON.stringify({ query: '{ _service { sdl } }' }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const body = (await response.json()) as { data?: { _service?: { sdl?: string } } };
      const sdl = body.data?._service?.sdl;
      if (!response.ok || typeof sdl !== 'string') throw new Error(`HTTP ${response.status} without _service.sdl`);
      const drift = sdlDrift(expected, offeredBySdl(sdl));
      return { url, reachable, sdl: drift.length > 0 ? 'drift' : 'match', drift, checkedAt };
    } catch (error) {
      const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
      return { url, reachable, sdl: 'unknown', drift: [], error: reason, checkedAt };
    }
  };

  const report = (name: string, before: SubgraphState | undefined, now: SubgraphState) => {
    if (now.reachable !== (before?.reachable ?? true)) {
      if (now.reachable) logger.info({ subgraph: name, url: now.url }, 'subgraph reachable again');
      else logger.warn({ subgraph: name, url: now.url }, 'subgraph unreachable: its fields are answered with SUBGRAPH_UNAVAILABLE');
    }
    if (now.sdl === 'drift' && (before?.sdl !== 'drift' || before.drift.join() !== now.drift.join())) {
      logger.warn(
        { subgraph: name, url: now.url, drift: now.drift },
        'subgraph SDL differs from the supergraph: operations using these fields fail in this subgraph until it serves its registered SDL again or a new supergraph is composed',
      );
    } else if (now.sdl === 'match' && before?.sdl === 'drift') {
      logger.info({ subgraph: name }, 'subgraph SDL matches the supergraph again');
    }
  };

  let running: Promise<void> | undefined;
  const check = () => {
    running ??= (async () => {
      const sdl = options.supergraphSdl();
      if (sdl !== expectedFor.sdl) expectedFor = { sdl, expected: expectedOfSubgraphs(sdl) };
      const entries = await Promise.all(
        [...options.routingUrls].map(
          async ([name, url]) => [name, await checkOne(name, url, expectedFor.expected.get(name) ?? new Map())] as const,
        ),
      );
      const next = Object.fromEntries(entries);
      for (const [name, state] of entries) {
        report(name, states[name], state);
        options.metrics?.subgraphState(name, state.reachable, state.sdl === 'drift');
      }
      for (const name of Object.keys(states)) if (!(name in next)) options.metrics?.forgetSubgraph(name);
      states = next;
    })()
      .catch((error: unknown) => logger.error({ err: error }, 'subgraph check failed'))
      .finally(() => (running = undefined));
    return running;
  };

  const first = check();
  const timer = options.intervalMs > 0 ? setInterval(() => void check(), options.intervalMs) : undefined;
  timer?.unref();
  return {
    /** Resolves once the first check is done. */
    first,
    /** Checks now (or waits for the check already running). */
    check,
    states: (): Record<string, SubgraphState> => states,
    stop: () => clearInterval(timer),
  };
}
