import { ANONYMOUS, badUserInput, type Caller } from '@jobcenter-hub/service';
import { getMetadataStorage as classValidatorMetadata } from 'class-validator';
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isInputObjectType,
  isListType,
  isObjectType,
} from 'graphql';
import { getMetadataStorage as typeGraphqlMetadata } from 'type-graphql';
import { assertSignedIn } from './ownership';
import { openCursor, sealCursor } from './pagination';
import { assertCallerOrganisationLive, type References } from './remote-references';

/**
 * The longest text any argument or input field takes unless its input class promises more with a
 * class-validator `@Length`/`@MaxLength` (e.g. a programme's description, 5000): longer is refused
 * before a resolver runs. Fields with a smaller limit are checked by their own validators.
 */
export const DEFAULT_MAX_TEXT_LENGTH = 1000;

/** Date-times (`DateTimeISO` arguments) outside these years are refused: no schedule or record needs them. */
export const DATE_TIME_YEARS = { min: 1900, max: 2100 } as const;

type Check = (value: unknown, path: string) => void;

/** The largest length class-validator promises for `field` of the input class named `typeName`, if any. */
function promisedMaxLength(typeName: string, field: string): number | undefined {
  const target = typeGraphqlMetadata().inputTypes.find((input) => input.name === typeName)?.target;
  if (!target) return undefined;
  const validators = classValidatorMetadata();
  let max: number | undefined;
  for (const rule of validators.getTargetValidationMetadatas(target, '', true, false)) {
    if (rule.propertyName !== field) continue;
    const name = validators.getTargetValidatorConstraints(rule.constraintCls)[0]?.name;
    const limit = name === 'isLength' ? rule.constraints?.[1] : name === 'maxLength' ? rule.constraints?.[0] : undefined;
    if (typeof limit === 'number') max = Math.max(max ?? 0, limit);
  }
  return max;
}

/** Half of a UTF-16 surrogate pair without its other half: no Unicode character, and JSON in PostgreSQL (audit) refuses it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function checkText(value: string, path: string, maxLength: number): void {
  if (value.includes('\0')) throw badUserInput(path, 'must not contain a NUL character (\\0)');
  if (LONE_SURROGATE.test(value)) throw badUserInput(path, 'must be well-formed Unicode (a lone UTF-16 surrogate is not a character)');
  if (value.length > maxLength) throw badUserInput(path, `must have at most ${maxLength} characters`);
}

/**
 * A number so close to 0 that it is subnormal: PostgreSQL refuses it as a float8 ("value out of range:
 * underflow"), so it never reaches SQL (a coordinate or radius that small means 0 anyway).
 */
function checkNumber(value: number, path: string): void {
  if (value !== 0 && Math.abs(value) < 2.2250738585072014e-308)
    throw badUserInput(path, 'is too close to 0 to be stored as a number; send 0');
}

function checkDateTime(value: Date, path: string): void {
  const year = value.getUTCFullYear();
  if (Number.isNaN(year) || year < DATE_TIME_YEARS.min || year > DATE_TIME_YEARS.max) {
    throw badUserInput(path, `must be a date-time in the years ${DATE_TIME_YEARS.min} to ${DATE_TIME_YEARS.max}`);
  }
}

/**
 * The check of one value of `type` (already coerced by GraphQL): every text — whatever its scalar, at
 * any depth of input objects and lists — is well-formed Unicode without NUL bytes, not longer than its
 * limit, every date-time in range, every number one PostgreSQL can store. Built once per argument;
 * `undefined` when nothing of the type needs checking.
 */
function checkOf(type: GraphQLInputType, maxLength: number, seen: Map<string, Check | undefined>): Check | undefined {
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    const item = checkOf(nullable.ofType as GraphQLInputType, maxLength, seen);
    return (
      item &&
      ((value, path) => {
        if (Array.isArray(value)) value.forEach((entry, index) => item(entry, `${path}.${index}`));
        else item(value, path);
      })
    );
  }
  if (isInputObjectType(nullable)) {
    const key = nullable.name;
    if (seen.has(key)) return (value, path) => seen.get(key)?.(value, path);
    seen.set(key, undefined);
    const fields = Object.values(nullable.getFields()).flatMap((field) => {
      const limit = Math.max(DEFAULT_MAX_TEXT_LENGTH, promisedMaxLength(nullable.name, field.name) ?? 0);
      const check = checkOf(field.type, limit, seen);
      return check ? [{ name: field.name, check }] : [];
    });
    const check: Check | undefined =
      fields.length === 0
        ? undefined
        : (value, path) => {
            if (value === null || typeof value !== 'object') return;
            const object = value as Record<string, unknown>;
            for (const field of fields) if (object[field.name] != null) field.check(object[field.name], `${path}.${field.name}`);
          };
    seen.set(key, check);
    return check;
  }
  // Scalars: whatever they parse to, text and date-times are what reaches PostgreSQL and the schedules.
  return (value, path) => {
    if (typeof value === 'string') checkText(value, path, maxLength);
    else if (typeof value === 'number') checkNumber(value, path);
    else if (value instanceof Date) checkDateTime(value, path);
  };
}

function argumentsCheck(args: readonly GraphQLArgument[]): ((values: Record<string, unknown>) => void) | undefined {
  const seen = new Map<string, Check | undefined>();
  const checks = args.flatMap((arg) => {
    const check = checkOf(arg.type, DEFAULT_MAX_TEXT_LENGTH, seen);
    return check ? [{ name: arg.name, check }] : [];
  });
  if (checks.length === 0) return undefined;
  return (values) => {
    for (const { name, check } of checks) if (values[name] != null) check(values[name], name);
  };
}

/** Whether `field` returns a connection (`pageInfo: PageInfo`), whose cursors belong to it alone. */
function isConnection(field: GraphQLField<unknown, unknown>): boolean {
  const type = getNullableType(field.type);
  return isObjectType(type) && getNamedType(type.getFields().pageInfo?.type)?.name === 'PageInfo';
}

interface PageLike {
  pageInfo?: { endCursor?: string | null } | null;
}

function sealPage(list: string, page: unknown): unknown {
  const endCursor = (page as PageLike | null)?.pageInfo?.endCursor;
  if (typeof endCursor !== 'string') return page;
  const sealed = page as PageLike & object;
  return { ...sealed, pageInfo: { ...sealed.pageInfo, endCursor: sealCursor(list, endCursor) } };
}

type Resolve = (
  root: unknown,
  args: Record<string, unknown>,
  context: { caller?: Caller; references?: References },
  info: GraphQLResolveInfo,
) => unknown;

/**
 * The rules every client input meets before a resolver (and type-graphql's validation) sees it, applied
 * to each field of `schema` that takes arguments, in this order:
 * 1. a mutation needs a signed-in caller (UNAUTHENTICATED whatever else the input holds), and one who is
 *    no admin needs their organisation to be a live Organisation of the hub (FORBIDDEN otherwise; asked
 *    through the context's `references`, see `assertCallerOrganisationLive`);
 * 2. texts are well-formed Unicode without NUL bytes and within their length, date-times within
 *    `DATE_TIME_YEARS`, numbers not subnormal (BAD_USER_INPUT naming the argument path, e.g.
 *    `input.entrances.0.name`);
 * 3. a connection's `after` must be a cursor of that very field (BAD_USER_INPUT `after`); the
 *    resolver gets the position inside, and the page's `endCursor` is sealed with the field's name.
 * `resolvers` is type-graphql's resolver map of `schema`; the guarded map is returned.
 */
export function guardResolvers(
  schema: GraphQLSchema,
  resolvers: Record<string, Record<string, unknown>>,
): Record<string, Record<string, unknown>> {
  const mutationType = schema.getMutationType()?.name;
  const guarded: Record<string, Record<string, unknown>> = { ...resolvers };
  for (const [typeName, fieldResolvers] of Object.entries(resolvers)) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) continue;
    const fields = type.getFields();
    const next: Record<string, unknown> = { ...fieldResolvers };
    for (const [fieldName, resolve] of Object.entries(fieldResolvers)) {
      const field = fields[fieldName];
      if (!field || typeof resolve !== 'function') continue;
      const mutation = typeName === mutationType;
      const check = argumentsCheck(field.args);
      const list = isConnection(field) ? `${typeName}.${fieldName}` : undefined;
      if (!mutation && !check && !list) continue;
      const inner = resolve as Resolve;
      next[fieldName] = ((root, args, context, info) => {
        const run = () => {
          check?.(args);
          if (!list) return inner(root, args, context, info);
          // An empty `after` asks for the first page, as it always has.
          const opened = typeof args.after === 'string' && args.after !== '' ? { ...args, after: openCursor(list, args.after) } : args;
          const page = inner(root, opened, context, info);
          return page instanceof Promise ? page.then((value) => sealPage(list, value)) : sealPage(list, page);
        };
        if (!mutation) return run();
        const caller = context.caller ?? ANONYMOUS;
        assertSignedIn(caller);
        if (caller.kind !== 'user' || caller.roles.has('admin')) return run();
        if (!context.references) throw new Error('the request context has no references: make it with createRequestContextFactory');
        return assertCallerOrganisationLive(caller, context.references).then(run);
      }) satisfies Resolve;
    }
    guarded[typeName] = next;
  }
  return guarded;
}
