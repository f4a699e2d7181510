/**
 * The browser side of the test setup (web-test-runner.config.mjs): where the real API runs and
 * the test page's stand-in for an association website's token endpoint.
 */
export interface TestApi {
  apiUrl: string;
  tenantKey: string;
  associationName: string;
  /** The texts the association reworded, by language. */
  overrides: { en: Record<string, string> };
}

let api: Promise<TestApi> | undefined;

/** The API and the association the test run started. */
export const testApi = (): Promise<TestApi> =>
  (api ??= fetch('/__test/config').then((response) => response.json() as Promise<TestApi>));

/**
 * The token endpoint of the association's website: signed in as `sub` (Aino Virtanen unless
 * `name` says otherwise), signed out without `sub`, failing once first when `failOnce` is set,
 * and giving a token signed with the wrong secret when `forged`.
 */
export function tokenUrl(
  member: { sub?: string; name?: string; failOnce?: string; forged?: boolean } = {},
): string {
  const query = new URLSearchParams();
  if (member.sub) query.set('sub', member.sub);
  if (member.name) query.set('name', member.name);
  if (member.failOnce) query.set('fail', member.failOnce);
  if (member.forged) query.set('forged', '1');
  return `/__test/token?${query}`;
}

/** A member token straight from the endpoint, for widgets given `getMemberToken` instead of a URL. */
export async function memberToken(sub: string, name?: string): Promise<string> {
  const response = await fetch(tokenUrl({ sub, ...(name ? { name } : {}) }));
  return ((await response.json()) as { token: string }).token;
}

/** The visible text of an element's shadow root, whitespace collapsed. */
export const shadowText = (element: Element): string =>
  (element.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** An element in `host`'s shadow root by its `part` name. */
export const part = <T extends Element = HTMLElement>(host: Element, name: string): T | null =>
  host.shadowRoot?.querySelector<T>(`[part~="${name}"]`) ?? null;

/** What `/__test/groups` takes: a group as the API creates it, plus members already in it. */
export type TestGroup = import('@ekollega/sdk').CreateGroup & { members?: number };

/**
 * Creates groups only this test sees: their trades start with `scope`, so a finder with
 * `trade=${scope}` lists exactly them (joining changes a group; tests must not share one).
 */
export async function createGroups(groups: TestGroup[]): Promise<{ scope: string; ids: string[] }> {
  const response = await fetch('/__test/groups', { method: 'POST', body: JSON.stringify({ groups }) });
  return (await response.json()) as { scope: string; ids: string[] };
}

/** Changes a group as another member (`leave`) or its facilitator (`decline`, `patch`) would. */
export async function changeGroup(
  id: string,
  change: { leave?: string; decline?: string; reason?: string; patch?: Record<string, unknown> },
): Promise<void> {
  await fetch(`/__test/groups/${id}`, { method: 'POST', body: JSON.stringify(change) });
}
