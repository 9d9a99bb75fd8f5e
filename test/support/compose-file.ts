import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

/** One service of docker-compose.yml as Compose hands it to the container engine: merged and interpolated. */
export interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  ports?: string[];
  volumes?: string[];
}

/**
 * Compose's variable interpolation of one value: `$$`, `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:?error}`, `${VAR?error}`. A required variable that is missing throws, as `docker compose` refuses.
 */
export function interpolate(value: string, vars: Record<string, string | undefined>): string {
  return value.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (match, name?: string, colon?: string, kind?: string, argument?: string, bare?: string) => {
      if (match === '$$') return '$';
      if (bare) return vars[bare] ?? '';
      const current = vars[name!];
      const missing = current === undefined || (colon === ':' && current === '');
      if (!kind) return current ?? '';
      if (!missing) return current!;
      if (kind === '-') return interpolate(argument!, vars);
      throw new Error(`required variable ${name} is missing a value: ${argument}`);
    },
  );
}

function interpolateDeep(value: unknown, vars: Record<string, string | undefined>): unknown {
  if (typeof value === 'string') return interpolate(value, vars);
  if (Array.isArray(value)) return value.map((item) => interpolateDeep(item, vars));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolateDeep(item, vars)]));
  }
  return value;
}

/** The raw file, YAML merge keys (`<<: *anchor`) applied as Compose applies them. */
export function readComposeFile(root: string): { services: Record<string, unknown>; volumes?: Record<string, unknown> } {
  return parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, unknown> };
}

/**
 * The services of docker-compose.yml with every `${…}` replaced from `vars` (what Compose reads from `.env`
 * and the shell). Environment values are strings, as the container sees them.
 */
export function composeServices(root: string, vars: Record<string, string | undefined>): Record<string, ComposeService> {
  const { services } = readComposeFile(root);
  return Object.fromEntries(
    Object.entries(services).map(([name, raw]) => {
      const service = interpolateDeep(raw, vars) as Omit<ComposeService, 'environment'> & { environment?: Record<string, unknown> };
      const environment = Object.fromEntries(Object.entries(service.environment ?? {}).map(([key, value]) => [key, String(value)]));
      return [name, { ...service, environment }];
    }),
  );
}

/** `KEY=value` lines of an env file (as Compose reads `.env`): no quotes, no expansion. */
export function readEnvFile(path: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line.trim());
    if (match) vars[match[1]!] = match[2]!;
  }
  return vars;
}

/** Runs `docker/create-env.sh` into a temporary folder and returns the `.env` it wrote. */
export function createEnvFile(root: string): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'jobcenter-hub-compose-env-'));
  try {
    execFileSync('sh', [join(root, 'docker', 'create-env.sh'), join(dir, '.env')], { stdio: 'pipe' });
    return readEnvFile(join(dir, '.env'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The `ENV` of the Dockerfile's final stage: what every container of the image starts with. */
export function imageEnv(dockerfile: string): Record<string, string> {
  const stages = dockerfile.split(/^FROM\s/m);
  const env: Record<string, string> = {};
  for (const line of stages[stages.length - 1]!.split('\n')) {
    const match = /^ENV\s+(.*)$/.exec(line.trim());
    if (!match) continue;
    if (/["'\\]/.test(match[1]!)) throw new Error(`imageEnv: quoted ENV values are not supported: ${line}`);
    for (const pair of match[1]!.split(/\s+/)) {
      const [key, ...value] = pair.split('=');
      if (value.length === 0) throw new Error(`imageEnv: write ENV as KEY=value: ${line}`);
      env[key!] = value.join('=');
    }
  }
  return env;
}
