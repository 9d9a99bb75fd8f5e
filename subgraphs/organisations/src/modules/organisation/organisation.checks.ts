import { badUserInput } from '@jobcenter-hub/service';

/** Checks an official municipality key (AGS, eight digits) before any query runs. */
export function readMunicipalityKey(key: string | undefined | null): string | undefined {
  if (key === undefined || key === null) return undefined;
  if (!/^\d{8}$/.test(key))
    throw badUserInput('municipalityKey', 'must be an official municipality key (AGS) of eight digits, e.g. "05515000"');
  return key;
}
