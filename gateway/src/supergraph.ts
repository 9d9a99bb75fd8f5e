import { watch } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
// The same package and version (@apollo/gateway pins it exactly) that the gateway builds supergraphs with.
import { Supergraph } from '@apollo/federation-internals';

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
