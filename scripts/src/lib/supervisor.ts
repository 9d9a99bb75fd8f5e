/**
 * Restarting what crashes: `npm start` supervises each subgraph, the gateway and the embedded
 * PostgreSQL with the same policy (docs/operations.md, "Failures").
 */

/** When a crashed process is restarted, and when the supervisor gives up on it. */
export interface RestartPolicy {
  /** The delay before the first restart; it doubles with each crash in a row, up to `maxDelayMs`. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** A process that stayed up this long has recovered: its next crash starts the backoff over. */
  stableAfterMs: number;
  /** More crashes than this within `windowMs`, and the supervisor gives up. */
  maxCrashes: number;
  windowMs: number;
}

/** 0.5 s doubling to 10 s; backoff reset after 30 s up; give up after more than 5 crashes within 60 s. */
export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  initialDelayMs: 500,
  maxDelayMs: 10_000,
  stableAfterMs: 30_000,
  maxCrashes: 5,
  windowMs: 60_000,
};

export type CrashVerdict =
  { kind: 'restart'; attempt: number; delayMs: number; crashesInWindow: number } | { kind: 'give-up'; crashesInWindow: number };

/** The crash bookkeeping of one process: after each crash, restart (when, which attempt) or give up. */
export function createCrashTracker(policy: RestartPolicy) {
  const crashes: number[] = [];
  let attempt = 0;
  return {
    /** A crash at `at` (ms) of a process that had been up for `upForMs` (0 when it failed to start). */
    crashed(at: number, upForMs: number): CrashVerdict {
      if (upForMs >= policy.stableAfterMs) attempt = 0;
      crashes.push(at);
      while (crashes.length > 0 && crashes[0]! <= at - policy.windowMs) crashes.shift();
      if (crashes.length > policy.maxCrashes) return { kind: 'give-up', crashesInWindow: crashes.length };
      attempt += 1;
      const delayMs = Math.min(policy.initialDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
      return { kind: 'restart', attempt, delayMs, crashesInWindow: crashes.length };
    },
  };
}

/** One run of a supervised process. */
export interface SupervisedInstance {
  /** Resolves when this run ends, with how: `signal SIGKILL`, `code 1`. */
  exited: Promise<string>;
  /** Process id, for the log. */
  pid?: number;
  /** Stops this run (resolves once it has ended). */
  stop(): Promise<void>;
}

/** What a supervisor reports; `npm start` prints each one. */
export type SupervisorEvent =
  | { kind: 'crashed'; service: string; exit: string; attempt: number; delayMs: number; crashesInWindow: number }
  | { kind: 'restarted'; service: string; attempt: number; pid?: number; downForMs: number }
  | { kind: 'gave-up'; service: string; exit: string; crashesInWindow: number; windowMs: number };

/** One line per event, for a person reading the hub's output. */
export function describeSupervisorEvent(event: SupervisorEvent): string {
  switch (event.kind) {
    case 'crashed':
      return `${event.service} crashed (${event.exit}); restart attempt ${event.attempt} in ${formatMs(event.delayMs)} (${event.crashesInWindow} crash${event.crashesInWindow === 1 ? '' : 'es'} in the window)`;
    case 'restarted':
      return `${event.service} restarted (attempt ${event.attempt}${event.pid ? `, pid ${event.pid}` : ''}), down for ${formatMs(event.downForMs)}`;
    case 'gave-up':
      return `${event.service} crashed ${event.crashesInWindow} times within ${formatMs(event.windowMs)} (last: ${event.exit}); giving up`;
  }
}

/**
 * Why a restart failed, in one line: `code 1 before it was ready` when the error carries the exit
 * (`exit`, as `startService` in stack.ts sets it), else the first line of its message.
 */
function startFailure(error: unknown): string {
  const exit = (error as { exit?: unknown } | undefined)?.exit;
  if (typeof exit === 'string') return `${exit} before it was ready`;
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}

const formatMs = (ms: number) => (ms < 1_000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`);

export interface Supervisor {
  /** The running instance, if any (none while waiting to restart, or after giving up). */
  current(): SupervisedInstance | undefined;
  /**
   * No more restarts from now on, whatever exits; the running instance is left alone. For a shutdown that
   * stops several services in an order: a terminal's Ctrl-C reaches every process of the group at once,
   * and a service that exits by it before its turn must not be restarted (nor its restart awaited).
   */
  halt(): void;
  /** No more restarts; stops the running instance (also one that is starting). */
  stop(): Promise<void>;
  /** Resolves when the supervisor gave up (never when it is stopped). */
  gaveUp: Promise<void>;
}

/**
 * Watches `first` and, each time the running instance exits while not stopped, restarts it with
 * `start` after the policy's delay. A `start` that fails (the process exited before it was ready)
 * counts as a crash. Gives up after too many crashes within the window and resolves `gaveUp`.
 */
export function supervise(options: {
  service: string;
  first: SupervisedInstance;
  start: () => Promise<SupervisedInstance>;
  policy: RestartPolicy;
  onEvent: (event: SupervisorEvent) => void;
  now?: () => number;
}): Supervisor {
  const now = options.now ?? Date.now;
  const tracker = createCrashTracker(options.policy);
  let stopping = false;
  let current: SupervisedInstance | undefined = options.first;
  let starting: Promise<SupervisedInstance> | undefined;
  let wake: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  let signalGaveUp!: () => void;
  const gaveUp = new Promise<void>((resolve) => (signalGaveUp = resolve));

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      wake = resolve;
      timer = setTimeout(resolve, ms);
    });

  const run = async () => {
    let upSince = now();
    let exit = await options.first.exited;
    let downSince = now();
    while (!stopping) {
      current = undefined;
      const verdict = tracker.crashed(now(), now() - upSince);
      if (verdict.kind === 'give-up') {
        options.onEvent({
          kind: 'gave-up',
          service: options.service,
          exit,
          crashesInWindow: verdict.crashesInWindow,
          windowMs: options.policy.windowMs,
        });
        signalGaveUp();
        return;
      }
      const { attempt, delayMs, crashesInWindow } = verdict;
      options.onEvent({ kind: 'crashed', service: options.service, exit, attempt, delayMs, crashesInWindow });
      await sleep(delayMs);
      if (stopping) return;
      starting = options.start();
      let instance: SupervisedInstance;
      try {
        instance = await starting;
      } catch (error) {
        exit = startFailure(error);
        upSince = now();
        continue;
      } finally {
        starting = undefined;
      }
      current = instance;
      if (stopping) return;
      upSince = now();
      options.onEvent({ kind: 'restarted', service: options.service, attempt, pid: instance.pid, downForMs: now() - downSince });
      exit = await instance.exited;
      downSince = now();
    }
  };
  void run();

  const halt = () => {
    stopping = true;
    clearTimeout(timer);
    wake?.();
  };
  return {
    current: () => current,
    gaveUp,
    halt,
    async stop() {
      halt();
      const instance = starting ? await starting.catch(() => undefined) : current;
      await instance?.stop();
    },
  };
}
