import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { ROOT } from './hub';

export interface NpmStart {
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output: () => string;
  /** Its exit code (null when a signal ended it). */
  exited: Promise<number | null>;
  /** SIGTERM, then after `graceMs` SIGKILL to its whole process group (services and PostgreSQL). */
  stop: (graceMs?: number) => Promise<number | null>;
  /** Ctrl-C at a terminal: SIGINT to every process of the group at once (the shell, the hub, its services, PostgreSQL). */
  ctrlC: () => void;
}

/**
 * `npm start` as a user runs it (the built script, free ports), with output collected. It runs in a
 * process group of its own, so that `stop` can end everything it started even if it hangs. With
 * `shell`, the way npm runs it: package.json's `start` script through `sh -c` (the script and the shell
 * then decide the exit code a terminal sees).
 */
export function npmStart(env: Record<string, string>, options: { shell?: boolean } = {}): NpmStart {
  const script = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  const [command, args] = options.shell ? ['sh', ['-c', script]] : [process.execPath, [join(ROOT, 'scripts', 'dist', 'start.js')]];
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, PORTS: 'free', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async (graceMs = 20_000) => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }, graceMs);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  const ctrlC = () => process.kill(-child.pid!, 'SIGINT');
  return { child, output: () => output, exited, stop, ctrlC };
}

/** Waits until `pattern` matches the output (after `from` characters); returns the match. */
export async function waitForOutput(run: NpmStart, pattern: RegExp, timeoutMs: number, from = 0): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = pattern.exec(run.output().slice(from));
    if (match) return match;
    if (run.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`npm start did not print ${pattern} within ${timeoutMs} ms:\n${run.output().slice(-4_000)}`);
}

/** Whether something accepts connections on 127.0.0.1:`port`. */
export const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
