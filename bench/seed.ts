import type { Store } from '../packages/api/src/store/index.js';

/** Data the list endpoints are measured on; each capability adds its own here. */
export async function seedBench(_store: Store, _tenantId: string): Promise<Record<string, unknown>> {
  return {};
}
