import { randomBytes } from 'node:crypto';

/** A random, URL-safe identifier with a prefix that says what it names (`grp_…`, `ten_…`). */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}
