import { execFile } from 'node:child_process';
import { type FSWatcher, watch } from 'node:fs';
import { join, sep } from 'node:path';
import { writeComposition } from './compose';
import type { RunningService, Stack } from './stack';
import type { RestartPolicy } from './supervisor';

/**
 * The restart policy of `npm run dev`: a subgraph the watch restarts with its new build exits on
 * purpose, so neither the backoff grows nor does the hub give up on it after a few edits.
 */
export const watchRestartPolicy = (policy: RestartPolicy): RestartPolicy => ({
  ...policy,
  maxDelayMs: policy.initialDelayMs,
  maxCrashes: Number.MAX_SAFE_INTEGER,
});

export interface WatchOptions {
  root: string;
  stack: Stack;
  /** One line for the person at the terminal (the `dev` column of `npm run dev`'s output). */
  log: (line: string) => void;
  /** Waits this long after the last change before it builds (default 300 ms: an editor saves several files at once). */
  settleMs?: number;
  /** Writes schema/ from the new build; default: `writeComposition` of lib/compose. */
  compose?: (root: string) => Promise<string[]>;
}

export interface Watch {
  close(): void;
}

/** Which in-repo subgraphs a changed file (relative to the root) may change: its own, or all of them for a shared package. */
export function subgraphsChangedBy(file: string, names: readonly string[]): string[] {
  const parts = file.split(/[\\/]/);
  if (parts.includes('dist') || parts.includes('node_modules') || parts.some((part) => part.endsWith('.tsbuildinfo'))) return [];
  if (!/\.(ts|json)$/.test(file)) return [];
  if (parts[0] === 'subgraphs' && parts[2] === 'src' && names.includes(parts[1]!)) return [parts[1]!];
  if (parts[0] === 'packages' && parts[2] === 'src') return [...names];
  return [];
}

/** `tsc -b` of the whole repository (incremental: only what changed is built); its output on failure. */
function build(root: string): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b'],
      { cwd: root, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ ok: !error, output: `${stdout}${stderr}`.trim() }),
    );
  });
}

/** Whether the service's `/ready` answers 200. */
async function ready(service: RunningService): Promise<boolean> {
  const url = new URL(service.url);
  url.pathname = '/ready';
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

/**
 * Stops the subgraph's process; the stack's supervisor starts it again from its (new) build on the same
 * port. Resolves true once the new process answers `/ready`, false when `superseded` says a newer change
 * waits (a build that crashes at start is restarted by the supervisor until the next save fixes it).
 */
async function restart(service: RunningService, superseded: () => boolean): Promise<boolean> {
  const old = service.process;
  const exited = new Promise<void>((resolve) => {
    if (old.exitCode !== null || old.signalCode !== null) resolve();
    else old.once('exit', () => resolve());
  });
  old.kill('SIGTERM');
  await exited;
  for (;;) {
    if (service.process !== old && service.process.exitCode === null && (await ready(service))) return true;
    if (superseded()) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * `npm run dev`: watches `subgraphs/<name>/src` and `packages/<name>/src`; after a change, builds
 * (`tsc -b`), restarts each changed subgraph from its new build and waits until it is ready, and only
 * then recomposes `schema/`: the running gateway, which watches `schema/supergraph.graphql`, switches to
 * the new schema once the subgraphs serving it are the new builds. A build that fails restarts nothing.
 * Changes that arrive during a round are handled in the next one.
 */
export function watchSubgraphs(options: WatchOptions): Watch {
  const { root, stack, log } = options;
  const names = stack.subgraphs.map((service) => service.name);
  const settleMs = options.settleMs ?? 300;
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let closed = false;

  const round = async (): Promise<void> => {
    if (running || closed || pending.size === 0) return;
    running = true;
    const changed = [...pending];
    pending.clear();
    try {
      log(`change in ${changed.join(', ')}: building (tsc -b)`);
      const result = await build(root);
      if (!result.ok) {
        log(`build failed; the running services stay as they are:\n${result.output}`);
        return;
      }
      for (const name of changed) {
        const service = stack.subgraphs.find((candidate) => candidate.name === name)!;
        log(`restarting ${name} with its new build`);
        if (!(await restart(service, () => pending.size > 0))) {
          log(`${name} is not ready with its new build (its output above says why); not recomposed, trying the next change`);
          return;
        }
        log(`${name} is running its new build (pid ${service.process.pid})`);
      }
      await (options.compose ?? writeComposition)(root);
      log(`recomposed schema/supergraph.graphql: the gateway switches to it (${changed.join(', ')})`);
    } catch (error) {
      log(`the round failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      running = false;
      if (pending.size > 0) schedule();
    }
  };
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void round(), settleMs);
  };

  const watchers: FSWatcher[] = [];
  for (const top of ['subgraphs', 'packages']) {
    const watcher = watch(join(root, top), { recursive: true }, (_event, file) => {
      if (!file) return;
      const changed = subgraphsChangedBy(`${top}${sep}${file.toString()}`, names);
      if (changed.length === 0) return;
      for (const name of changed) pending.add(name);
      schedule();
    });
    watchers.push(watcher);
  }
  log(`watching subgraphs/*/src and packages/*/src: a change rebuilds, restarts and recomposes`);
  return {
    close: () => {
      closed = true;
      if (timer) clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}
