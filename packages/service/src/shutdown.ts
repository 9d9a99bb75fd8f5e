import type { Server } from 'node:http';
import { closeGracefully } from './http';
import type { Logger } from './logger';

export interface StopOnSignalsOptions {
  /** How long running requests may take to finish (`SHUTDOWN_GRACE_MS`). */
  graceMs: number;
  logger: Logger;
  /** Closed one after another once no request is running (e.g. Apollo Server, then the database pool). */
  close: (() => Promise<unknown>)[];
}

/**
 * The shutdown sequence of every service. On SIGTERM or SIGINT, or when the parent process goes away:
 * stop accepting requests and let the running ones finish (`closeGracefully`), close what `close`
 * lists in its order, and exit 0. A second signal while stopping changes nothing.
 */
export function stopOnSignals(server: Server, options: StopOnSignalsOptions): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    options.logger.info({ signal }, 'shutting down');
    await closeGracefully(server, options.graceMs);
    for (const close of options.close) await close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('disconnect', () => void stop('parent disconnected'));
}
