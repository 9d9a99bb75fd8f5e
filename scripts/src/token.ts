import { type Role, signDevToken } from '@jobcenter-hub/service';
import { readCommandLine, runCommand } from './lib/cli';
import { readTokenEnv } from './lib/env';

const ROLES = ['viewer', 'editor', 'admin'] as const;
const UNIT_SECONDS = { s: 1, m: 60, h: 3_600, d: 86_400 } as const;
const MAX_EXPIRES_S = 365 * 86_400;

const COMMAND = {
  name: 'token',
  usage: `usage: npm run token -- --org <organisation id> --role <role> [--role <role>]... [--sub <name>] [--expires <30m|8h|7d>]

  --org       the organisation the caller belongs to, e.g. jobcenter-muenster
  --role      ${ROLES.join(', ')} (repeat for more than one)
  --sub       the subject (default: dev-<roles>@<org>)
  --expires   how long the token is valid (default: 8h)

  Prints a development token signed with AUTH_SECRET (default: the development secret the services accept
  unless configured otherwise), and nothing else. Send it as \`Authorization: Bearer <token>\`, e.g. in the
  explorer's headers. npm prints its own lines (\`> jobcenter-hub@… token\`) before any script; \`npm run -s\`
  leaves them out, so that only the token is printed:
    TOKEN=$(npm run -s token -- --org jobcenter-muenster --role editor)
`,
  options: {
    org: { type: 'string' },
    role: { type: 'string', multiple: true },
    sub: { type: 'string' },
    expires: { type: 'string', default: '8h' },
  },
} as const;

/** `npm run token -- --org <organisation id> --role editor`: prints a signed development token. */
async function main(): Promise<void> {
  const { values } = readCommandLine(COMMAND);
  const env = readTokenEnv();
  const roles = values.role ?? [];
  const problems: string[] = [];
  if (!values.org) problems.push('--org <organisation id> is required (e.g. --org jobcenter-muenster)');
  if (roles.length === 0) problems.push(`--role is required: one or more of ${ROLES.join(', ')}`);
  for (const role of roles) if (!ROLES.includes(role as Role)) problems.push(`--role ${role}: must be one of ${ROLES.join(', ')}`);
  const expires = /^(\d{1,9})([smhd])$/.exec(values.expires);
  if (!expires) problems.push('--expires must look like 30m, 8h or 7d');
  else if (Number(expires[1]) * UNIT_SECONDS[expires[2] as keyof typeof UNIT_SECONDS] > MAX_EXPIRES_S)
    problems.push('--expires is at most 365d (a development token)');
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

runCommand(COMMAND.name, main);
