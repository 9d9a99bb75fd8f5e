import { watch } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
// The same package and version (@apollo/gateway pins it exactly) that the gateway builds supergraphs with.
import { Supergraph } from '@apollo/federation-internals';
import type { SupergraphSdlHook } from '@apollo/gateway';
import type { Logger } from '@jobcenter-hub/service';

/**
 * The supergraph the gateway serves: where it comes from (a file or a URL), how it is checked, and how
 * the gateway follows it — a valid new supergraph replaces the served one without a restart, an
 * invalid one is refused and the old one keeps serving (followSupergraph, at the end of this file).
 */

/** Where the gateway's supergraph comes from: a file (watched) or an http(s) URL (polled). */
export type SupergraphSource = { kind: 'file'; path: string } | { kind: 'url'; url: string };

/** `SUPERGRAPH_PATH`: an http(s) URL, or else a file path (relative to the working directory). */
export function parseSupergraphSource(value: string): SupergraphSource {
  return /^https?:\/\//i.test(value) ? { kind: 'url', url: value } : { kind: 'file', path: resolve(value) };
}

export function describeSupergraphSource(source: SupergraphSource): string {
  switch (source.kind) {
    case 'file':
      return source.path;
    case 'url':
      return source.url;
  }
}

export async function readSupergraphSource(source: SupergraphSource): Promise<string> {
  switch (source.kind) {
    case 'file':
      return readFile(source.path, 'utf8');
    case 'url': {
      const response = await fetch(source.url, { signal: AbortSignal.timeout(5_000) });
      if (!response.ok) throw new Error(`${source.url} answered HTTP ${response.status}`);
      return response.text();
    }
  }
}

export interface SubgraphRoute {
  name: string;
  /** The routing URL the supergraph names (before `SUBGRAPH_<NAME>_URL` overrides). */
  url: string;
}

/**
 * Checks a supergraph as the gateway will use it — parsed, validated, its API schema derived — and
 * returns its subgraphs. Throws with the reason when the gateway could not serve it. Checking first
 * matters: the gateway's own update changes part of its state before it derives the API schema.
 */
export function inspectSupergraph(sdl: string): SubgraphRoute[] {
  if (sdl.trim() === '') throw new Error('the supergraph is empty');
  const supergraph = Supergraph.build(sdl, { validateSupergraph: true });
  supergraph.apiSchema();
  return supergraph.subgraphsMetadata().map(({ name, url }) => ({ name, url }));
}

export interface WatchOptions {
  /** File events closer together than this count as one change. */
  debounceMs: number;
  /** Also look every `pollMs` (0: never); for a URL the only trigger. */
  pollMs: number;
  onChange: () => void;
}

/**
 * Calls `onChange` whenever the source may have changed. A file is watched through its folder, so a
 * file replaced by a rename (editors, `npm run compose`) stays watched. Returns a function that stops.
 */
export function watchSupergraphSource(source: SupergraphSource, options: WatchOptions): () => void {
  let debounce: NodeJS.Timeout | undefined;
  const changed = () => {
    clearTimeout(debounce);
    debounce = setTimeout(options.onChange, options.debounceMs);
  };
  const watcher =
    source.kind === 'file'
      ? watch(dirname(source.path), (_event, filename) => {
          // Some platforms report no file name; then any change in the folder may be ours.
          if (!filename || filename === basename(source.path)) changed();
        })
      : undefined;
  // A watcher error (e.g. the folder was removed) leaves polling to notice when the file is back.
  watcher?.on('error', () => watcher.close());
  const poll = options.pollMs > 0 ? setInterval(options.onChange, options.pollMs) : undefined;
  poll?.unref();
  return () => {
    clearTimeout(debounce);
    clearInterval(poll);
    watcher?.close();
  };
}

/** When and how the gateway looks for a new supergraph (`SUPERGRAPH_POLL_MS`, `…_DEBOUNCE_MS`, `…_HEALTH_CHECK`). */
export interface SupergraphReload {
  pollMs: number;
  debounceMs: number;
  /** Switch only when every subgraph of the new supergraph answers; otherwise try again at the next poll. */
  healthCheck: boolean;
}

export interface FollowSupergraphOptions {
  source: SupergraphSource;
  reload: SupergraphReload;
  logger: Logger;
  /** The URL the gateway calls subgraph `name` at, given the routing URL the supergraph names. */
  routeOf: (name: string, url: string) => string;
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!;

/**
 * The gateway's supergraph, following its source. `supergraphSdl` goes to `new ApolloGateway`: it reads
 * the first supergraph (which must be valid, or the gateway does not start), then watches the source. A
 * valid new supergraph replaces the served one without a restart (requests already running finish on
 * the old one); an invalid one is refused with a log line and the old one keeps serving.
 * `routingUrls` holds the URL each subgraph of the served supergraph is called at (`/ready` checks them).
 */
export function followSupergraph(options: FollowSupergraphOptions): {
  supergraphSdl: SupergraphSdlHook;
  routingUrls: Map<string, string>;
  /** The SDL of the supergraph served now ('' before the gateway loaded it). */
  served: () => string;
} {
  const { logger } = options;
  const where = describeSupergraphSource(options.source);
  const routingUrls = new Map<string, string>();
  let current = '';
  const route = (subgraphs: SubgraphRoute[]) => {
    routingUrls.clear();
    for (const { name, url } of subgraphs) routingUrls.set(name, options.routeOf(name, url));
  };

  const supergraphSdl: SupergraphSdlHook = async ({ update, healthCheck }) => {
    const initial = await readSupergraphSource(options.source);
    route(inspectSupergraph(initial));
    let served = initial;
    current = initial;
    let refused: string | undefined;
    // One line per distinct problem, not one per poll.
    let lastProblem: string | undefined;
    const problem = (level: 'warn' | 'error', message: string, details: Record<string, unknown>) => {
      const key = `${message} ${JSON.stringify(details)}`;
      if (key === lastProblem) return;
      lastProblem = key;
      logger[level]({ supergraph: where, ...details }, message);
    };

    const reload = async () => {
      let sdl: string;
      try {
        sdl = await readSupergraphSource(options.source);
      } catch (error) {
        problem('warn', 'supergraph unreadable; still serving the previous one', { reason: reason(error) });
        return;
      }
      if (sdl === served || sdl === refused) return;
      let subgraphs: SubgraphRoute[];
      try {
        subgraphs = inspectSupergraph(sdl);
      } catch (error) {
        refused = sdl;
        problem('error', 'supergraph refused; still serving the previous one', { reason: reason(error) });
        return;
      }
      if (options.reload.healthCheck) {
        try {
          await healthCheck(sdl);
        } catch (error) {
          // The gateway's message is a paragraph; its last line names the subgraph and what went wrong.
          const lines = (error instanceof Error ? error.message : String(error)).trim().split('\n');
          problem('warn', 'supergraph not switched yet: a subgraph of it does not answer; trying again at the next poll', {
            reason: lines.at(-1),
          });
          return;
        }
      }
      try {
        update(sdl);
      } catch (error) {
        refused = sdl;
        problem('error', 'supergraph refused; still serving the previous one', { reason: reason(error) });
        return;
      }
      served = sdl;
      current = sdl;
      lastProblem = undefined;
      route(subgraphs);
      logger.info({ supergraph: where, subgraphs: Object.fromEntries(routingUrls) }, 'supergraph updated');
    };

    // Reloads run one after another: a change during a reload is looked at once that one is done, and
    // changes while one waits to run need no second one (it reads the source when it starts).
    let queue = Promise.resolve();
    let waiting = false;
    const stop = watchSupergraphSource(options.source, {
      debounceMs: options.reload.debounceMs,
      pollMs: options.reload.pollMs,
      onChange: () => {
        if (waiting) return;
        waiting = true;
        queue = queue
          .then(() => {
            waiting = false;
            return reload();
          })
          .catch((error: unknown) => logger.error({ err: error, supergraph: where }, 'supergraph reload failed'));
      },
    });
    return {
      supergraphSdl: initial,
      cleanup: async () => {
        stop();
        await queue;
      },
    };
  };
  return { supergraphSdl, routingUrls, served: () => current };
}
