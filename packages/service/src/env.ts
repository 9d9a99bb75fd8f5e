import { z } from 'zod';

/**
 * Parses `process.env` against a zod schema once, at start. Every problem is printed on its own line,
 * naming the variable, and the process exits non-zero: a service never starts half-configured.
 */
export function readEnv<S extends z.ZodTypeAny>(schema: S, source: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const parsed = schema.safeParse(source);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const name = issue.path.join('.') || '(environment)';
    process.stderr.write(`configuration error: ${name}: ${issue.message}\n`);
  }
  process.exit(1);
}

const booleanish = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Shared building blocks for each service's own env schema. */
export const envParts = {
  port: z.coerce.number().int().min(0).max(65535),
  host: z.string().min(1).default('127.0.0.1'),
  nodeEnv: z.enum(['development', 'production', 'test']).default('development'),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  boolean: booleanish,
  databaseUrl: z.string({ required_error: 'is required (e.g. postgres://user:password@127.0.0.1:5432/organisations)' }).refine((v) => {
    try {
      const url = new URL(v);
      return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.pathname.length > 1;
    } catch {
      return false;
    }
  }, 'must be a postgres:// URL that names a database, e.g. postgres://user:password@127.0.0.1:5432/organisations'),
};

/** A database URL with the password replaced, safe for logs and error lines. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
