import { badUserInput } from '@jobcenter-hub/service';

/** The largest radius `locationsNear` accepts: wider than any Jobcenter's area, small enough to stay cheap. */
export const MAX_RADIUS_KM = 100;

/** Checks a coordinate pair before any query runs. */
export function readPoint(latitude: number, longitude: number): { latitude: number; longitude: number } {
  if (!Number.isFinite(latitude) || latitude < -90 || latitude > 90) throw badUserInput('latitude', 'must be between -90 and 90');
  if (!Number.isFinite(longitude) || longitude < -180 || longitude > 180) throw badUserInput('longitude', 'must be between -180 and 180');
  return { latitude, longitude };
}

/** Checks the radius of `locationsNear`: greater than 0, at most `MAX_RADIUS_KM`. */
export function readRadius(radiusKm: number): number {
  if (!Number.isFinite(radiusKm) || radiusKm <= 0 || radiusKm > MAX_RADIUS_KM) {
    throw badUserInput('radiusKm', `must be greater than 0 and at most ${MAX_RADIUS_KM}`);
  }
  return radiusKm;
}

/** A German postcode: five digits. */
export function readPostcode(postcode: string): string {
  if (!/^\d{5}$/.test(postcode)) throw badUserInput('postcode', 'must be a German postcode of five digits, e.g. "48143"');
  return postcode;
}

/** An official municipality key (AGS): eight digits. */
export function readMunicipalityKey(key: string): string {
  if (!/^\d{8}$/.test(key))
    throw badUserInput('municipalityKey', 'must be an official municipality key (AGS) of eight digits, e.g. "05515000"');
  return key;
}
