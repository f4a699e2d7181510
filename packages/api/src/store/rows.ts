/** A count or position the database sent as text, number or NULL, or that the query left out. */
export function numberOrNull(value: string | number | null | undefined): number | null {
  return value === null || value === undefined ? null : Number(value);
}
