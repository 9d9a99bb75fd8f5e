import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPTS = join(__dirname, '..');

/** The commands of `scripts/`, each `scripts/src/<command>.ts` built to `scripts/dist/<command>.js`. */
const COMMANDS = [
  'start',
  'compose',
  'schema-check',
  'seed-scale',
  'data-import',
  'bench',
  'subgraph-new',
  'subgraph-pull',
  'subgraph-credential',
  'token',
];

/** Runs a built command as `npm run` does; resolves with its exit code and output, whatever the code. */
async function command(name: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const script = join(SCRIPTS, 'dist', `${name}.js`);
  if (!existsSync(script)) throw new Error(`${script} is missing: run \`npm run build\` first`);
  try {
    const { stdout, stderr } = await run(process.execPath, [script, ...args], { cwd: join(SCRIPTS, '..'), timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number | string; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('the commands of scripts/', () => {
  it('are exactly the entry points in scripts/src, and none imports another', () => {
    const sources = readdirSync(join(SCRIPTS, 'src')).filter((file) => file.endsWith('.ts'));
    expect(sources.map((file) => file.replace(/\.ts$/, '')).sort()).toEqual([...COMMANDS].sort());
    for (const file of sources) {
      const imports = [...readFileSync(join(SCRIPTS, 'src', file), 'utf8').matchAll(/from '(\.[^']*)'/g)].map((match) => match[1]!);
      expect({ file, outsideLib: imports.filter((path) => !path.startsWith('./lib/')) }).toEqual({ file, outsideLib: [] });
    }
  });

  it('keep their library in scripts/src/lib, which imports no command', () => {
    const lib = join(SCRIPTS, 'src', 'lib');
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? files(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
      );
    for (const file of files(lib)) {
      const imports = [...readFileSync(file, 'utf8').matchAll(/from '(\.[^']*)'/g)].map((match) => resolve(dirname(file), match[1]!));
      const outside = imports.filter((path) => relative(lib, path).startsWith('..')).map((path) => relative(SCRIPTS, path));
      expect({ file: relative(SCRIPTS, file), outside }).toEqual({ file: relative(SCRIPTS, file), outside: [] });
    }
  });

  it.each(COMMANDS)('%s --help prints its usage and exits 0', async (name) => {
    const result = await command(name, '--help');
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^usage: npm (start|run [a-z:]+)/);
  });

  it.each(COMMANDS)('%s refuses an unknown flag with exit code 2, naming the flag', async (name) => {
    const result = await command(name, '--no-such-flag');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^[a-z:]+: Unknown option '--no-such-flag'\n/);
    expect(result.stderr).toContain('usage: npm');
  });

  it('refuse a flag value of the wrong kind with exit code 2, naming the flag', async () => {
    // An invalid name too: should the port pass, the scaffold still refuses and writes nothing.
    const result = await command('subgraph-new', 'Not_A_Name', '--port', '80');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^subgraph:new: --port 80: must be from 1024 to 65535\n/);
  });

  it('token prints the token and nothing else, and refuses an expiry beyond a year', async () => {
    const result = await command('token', '--org', 'jobcenter-muenster', '--role', 'editor');
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const tooLong = await command('token', '--org', 'jobcenter-muenster', '--role', 'editor', '--expires', '99999999999d');
    expect(tooLong.code).toBe(1);
    expect(tooLong.stdout).toBe('');
    expect(tooLong.stderr).toContain('--expires');
  });
});
