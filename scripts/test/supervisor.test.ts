import {
  createCrashTracker,
  DEFAULT_RESTART_POLICY,
  describeSupervisorEvent,
  type RestartPolicy,
  supervise,
  type SupervisorEvent,
} from '../src/lib/supervisor';

describe('the crash tracker (restart policy)', () => {
  it('doubles the delay with each crash in a row, up to the maximum', () => {
    const tracker = createCrashTracker({ ...DEFAULT_RESTART_POLICY, maxCrashes: 100 });
    const delays = Array.from({ length: 8 }, (_, i) => tracker.crashed(i * 60_000, 1_000)).map((verdict) =>
      verdict.kind === 'restart' ? verdict.delayMs : verdict.kind,
    );
    expect(delays).toEqual([500, 1_000, 2_000, 4_000, 8_000, 10_000, 10_000, 10_000]);
  });

  it('starts the backoff over once the process stayed up long enough', () => {
    const tracker = createCrashTracker(DEFAULT_RESTART_POLICY);
    tracker.crashed(0, 0);
    tracker.crashed(1_000, 0);
    expect(tracker.crashed(2_000, 500)).toMatchObject({ kind: 'restart', attempt: 3, delayMs: 2_000 });
    expect(tracker.crashed(100_000, 60_000)).toMatchObject({ kind: 'restart', attempt: 1, delayMs: 500 });
  });

  it('gives up on more than maxCrashes crashes within the window, and not on as many spread out', () => {
    const tracker = createCrashTracker(DEFAULT_RESTART_POLICY);
    const verdicts = [0, 1_000, 3_000, 7_000, 15_000, 31_000].map((at) => tracker.crashed(at, 0).kind);
    expect(verdicts).toEqual(['restart', 'restart', 'restart', 'restart', 'restart', 'give-up']);

    const spread = createCrashTracker(DEFAULT_RESTART_POLICY);
    const apart = Array.from({ length: 12 }, (_, i) => spread.crashed(i * 15_000, 0).kind);
    expect(apart).not.toContain('give-up');
  });
});

/** A fake process: `crash()` ends it as a SIGKILL would. */
function fakeInstance(pid: number) {
  let end!: (how: string) => void;
  const exited = new Promise<string>((resolve) => (end = resolve));
  const instance = {
    pid,
    exited,
    stopped: false,
    crash: () => end('signal SIGKILL'),
    stop: async () => {
      instance.stopped = true;
      end('signal SIGTERM');
    },
  };
  return instance;
}

const FAST: RestartPolicy = { initialDelayMs: 10, maxDelayMs: 40, stableAfterMs: 60_000, maxCrashes: 3, windowMs: 60_000 };
const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(check: () => boolean, ms = 2_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await tick();
  }
}

describe('supervise', () => {
  it('restarts a crashed process after the delay and reports the crash and the restart', async () => {
    const events: SupervisorEvent[] = [];
    const instances = [fakeInstance(1)];
    const supervisor = supervise({
      service: 'locations',
      first: instances[0]!,
      start: async () => {
        instances.push(fakeInstance(instances.length + 1));
        return instances.at(-1)!;
      },
      policy: FAST,
      onEvent: (event) => events.push(event),
    });
    instances[0]!.crash();
    await until(() => events.length === 2);
    expect(events[0]).toMatchObject({ kind: 'crashed', service: 'locations', exit: 'signal SIGKILL', attempt: 1, delayMs: 10 });
    expect(events[1]).toMatchObject({ kind: 'restarted', service: 'locations', attempt: 1, pid: 2 });
    expect(supervisor.current()).toBe(instances[1]);
    expect(describeSupervisorEvent(events[0]!)).toBe(
      'locations crashed (signal SIGKILL); restart attempt 1 in 10 ms (1 crash in the window)',
    );

    await supervisor.stop();
    expect(instances[1]!.stopped).toBe(true);
    await tick(50);
    expect(instances).toHaveLength(2);
  });

  it('after halt, neither reports nor restarts a process that exits, and leaves the running one to its owner', async () => {
    const events: SupervisorEvent[] = [];
    let starts = 0;
    const first = fakeInstance(1);
    const supervisor = supervise({
      service: 'partners',
      first,
      start: async () => {
        starts += 1;
        return fakeInstance(2);
      },
      policy: FAST,
      onEvent: (event) => events.push(event),
    });
    supervisor.halt();
    expect(first.stopped).toBe(false);
    // The same Ctrl-C that halted the hub stops the service itself.
    first.crash();
    await tick(50);
    expect({ events, starts }).toEqual({ events: [], starts: 0 });
    await supervisor.stop();
  });

  it('counts a failed start as a crash and gives up after too many', async () => {
    const events: SupervisorEvent[] = [];
    const first = fakeInstance(1);
    let starts = 0;
    const supervisor = supervise({
      service: 'partners',
      first,
      start: async () => {
        starts += 1;
        throw Object.assign(new Error('partners exited before it was ready (code 1):\n…'), { exit: 'code 1' });
      },
      policy: FAST,
      onEvent: (event) => events.push(event),
    });
    first.crash();
    await supervisor.gaveUp;
    expect(starts).toBe(3);
    expect(events.map((event) => event.kind)).toEqual(['crashed', 'crashed', 'crashed', 'gave-up']);
    expect(events.map((event) => ('delayMs' in event ? event.delayMs : undefined))).toEqual([10, 20, 40, undefined]);
    expect(events[3]).toMatchObject({ exit: 'code 1 before it was ready', crashesInWindow: 4 });
    expect(describeSupervisorEvent(events[3]!)).toBe('partners crashed 4 times within 60 s (last: code 1 before it was ready); giving up');
    expect(supervisor.current()).toBeUndefined();
  });

  it('does not restart what it stops, also while it waits to restart', async () => {
    const events: SupervisorEvent[] = [];
    const first = fakeInstance(1);
    let starts = 0;
    const supervisor = supervise({
      service: 'gateway',
      first,
      start: async () => {
        starts += 1;
        return fakeInstance(2);
      },
      policy: { ...FAST, initialDelayMs: 200 },
      onEvent: (event) => events.push(event),
    });
    first.crash();
    await until(() => events.length === 1);
    await supervisor.stop();
    await tick(300);
    expect(starts).toBe(0);
  });
});
