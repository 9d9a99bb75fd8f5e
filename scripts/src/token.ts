import { parseArgs } from 'node:util';
import { envParts, readEnv, type Role, signDevToken } from '@jobcenter-hub/service';
import { z } from 'zod';

const ROLES = ['viewer', 'editor', 'admin'] as const;

/**
 * `npm run token -- --org <organisation id> --role editor [--role viewer] [--sub name] [--expires 8h]`:
 * prints a development token signed with AUTH_SECRET (default: the well-known development secret the
 * subgraphs accept unless configured otherwise). Paste it into Sandbox's headers as
 * `Authorization: Bearer <token>`.
 */
async function main(): Promise<void> {
  const env = readEnv(
    z.object({
      AUTH_ISSUER: z.string().min(1).default('jobcenter-hub'),
      AUTH_AUDIENCE: z.string().min(1).default('jobcenter-hub'),
      AUTH_SECRET: z.string().min(16).optional(),
      NODE_ENV: envParts.nodeEnv,
    }),
  );
  const { values } = parseArgs({
    options: {
      org: { type: 'string' },
      role: { type: 'string', multiple: true },
      sub: { type: 'string' },
      expires: { type: 'string', default: '8h' },
    },
  });
  const roles = values.role ?? [];
  const problems: string[] = [];
  if (!values.org) problems.push('--org <organisation id> is required (e.g. --org jobcenter-muenster)');
  if (roles.length === 0) problems.push(`--role is required: one or more of ${ROLES.join(', ')}`);
  for (const role of roles) if (!ROLES.includes(role as Role)) problems.push(`--role ${role}: must be one of ${ROLES.join(', ')}`);
  if (!/^\d+[smhd]$/.test(values.expires!)) problems.push('--expires must look like 30m, 8h or 7d');
  if (env.NODE_ENV === 'production' && !env.AUTH_SECRET)
    problems.push('in production, tokens come from your identity provider, not from this command');
  if (problems.length > 0) {
    for (const problem of problems) process.stderr.write(`token: ${problem}\n`);
    process.exit(1);
  }
  const token = await signDevToken(
    { subject: values.sub ?? `dev-${roles.join('-')}@${values.org}`, organisationId: values.org!, roles: roles as Role[] },
    { issuer: env.AUTH_ISSUER, audience: env.AUTH_AUDIENCE, secret: env.AUTH_SECRET, expiresIn: values.expires },
  );
  process.stdout.write(`${token}\n`);
}

void main();
