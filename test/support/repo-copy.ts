import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT } from './hub';

/**
 * A copy of the repository in a temporary folder, for tests that change it: the files of the working
 * tree that git sees (tracked and new, not ignored), each package's build (with its timestamps, so
 * `tsc -b` there only builds what the test changes), and node_modules linked entry by entry, not copied.
 * Workspace packages are linked to the copy's own folders, as `npm install` links them.
 */
export async function copyRepository(): Promise<string> {
  const copy = await mkdtemp(join(tmpdir(), 'jobcenter-hub-copy-'));
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
    .split('\0')
    .filter((file) => file && existsSync(join(ROOT, file)));
  for (const file of files) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(ROOT, file), join(copy, file), { preserveTimestamps: true });
  }
  const { workspaces } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { workspaces: string[] };
  for (const workspace of workspaces) {
    const dist = join(ROOT, workspace, 'dist');
    if (existsSync(dist)) cpSync(dist, join(copy, workspace, 'dist'), { recursive: true, preserveTimestamps: true });
  }
  mkdirSync(join(copy, 'node_modules', '@jobcenter-hub'), { recursive: true });
  for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
    if (entry !== '@jobcenter-hub') symlinkSync(join(ROOT, 'node_modules', entry), join(copy, 'node_modules', entry));
  }
  for (const workspace of workspaces) linkWorkspace(copy, workspace);
  // A workspace's own node_modules (npm puts a dependency there when its version differs from the root's, e.g. the gateway's graphiql).
  for (const workspace of workspaces) {
    const own = join(ROOT, workspace, 'node_modules');
    if (existsSync(own) && !existsSync(join(copy, workspace, 'node_modules'))) symlinkSync(own, join(copy, workspace, 'node_modules'));
  }
  return copy;
}

/** What `npm install` does for a workspace package: `node_modules/@jobcenter-hub/<name>` → its folder. */
export function linkWorkspace(root: string, workspace: string): void {
  const { name } = JSON.parse(readFileSync(join(root, workspace, 'package.json'), 'utf8')) as { name: string };
  symlinkSync(join('..', '..', workspace), join(root, 'node_modules', name));
}
