/// <reference types="node" />
import { createRequire } from 'node:module';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';

/**
 * New names of zones whose VTIMEZONE the package still files under the old one, with the same
 * rules: the zone is stored as the caller named it and described by its old name's definition.
 */
const RENAMED: Record<string, string> = {
  'Europe/Kyiv': 'Europe/Kiev',
  'America/Nuuk': 'America/Godthab',
  'Pacific/Kanton': 'Pacific/Enderbury',
};

function runtimeKnows(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Every zone we can both compute with and describe in a calendar, by its name in lower case. */
const KNOWN = (() => {
  const files = createRequire(import.meta.url)('@touch4it/ical-timezones/zones.js') as Record<string, string>;
  const names = [
    ...Object.keys(files).filter((name) => /^[A-Za-z0-9_+/-]+$/.test(name)),
    ...Object.keys(RENAMED),
  ];
  return new Map(names.filter(runtimeKnows).map((name) => [name.toLowerCase(), name]));
})();

/**
 * The IANA name of `zone` as we store it (`europe/helsinki` → `Europe/Helsinki`, `utc` → `UTC`),
 * or null for a zone we could not write into a calendar file with its VTIMEZONE (RFC 5545
 * §3.2.19 wants one for every TZID): POSIX-style names such as `EST5EDT`, or names the runtime
 * does not know.
 */
export function canonicalZone(zone: string): string | null {
  return KNOWN.get(zone.toLowerCase()) ?? null;
}

/** The VTIMEZONE of a zone `canonicalZone` returned, under that zone's own TZID. */
export function vtimezone(zone: string): string | null {
  const renamedFrom = RENAMED[zone];
  if (!renamedFrom) return getVtimezoneComponent(zone);
  return (getVtimezoneComponent(renamedFrom) ?? '').split(renamedFrom).join(zone) || null;
}
