import { createTenant, issuePublishableKey, issueSecretKey } from '../auth/tenant-keys.js';
import type { Store } from '../store/index.js';

/** The demo association's fixed id, so the demo site and tests can find it again. */
export const DEMO_TENANT_ID = 'ten_demo_vsy';

/** Demo accounts the demo site signs in (its backend mints their tokens). */
export const DEMO_MEMBERS = [
  { sub: 'demo-aino', name: 'Aino Virtanen', email: 'aino@example.fi', locale: 'fi', roles: ['member'], trade: 'Graafinen suunnittelu' },
  { sub: 'demo-bjorn', name: 'Björn Lindqvist', email: 'bjorn@example.fi', locale: 'sv', roles: ['member'], trade: 'Snickeri' },
  { sub: 'demo-mikko', name: 'Mikko Laine', email: 'mikko@example.fi', locale: 'fi', roles: ['member'], trade: 'Kirjanpito' },
  { sub: 'demo-helena', name: 'Helena Salo', email: 'helena@example.fi', locale: 'fi', roles: ['facilitator', 'member'], trade: 'Fasilitaattori' },
] as const;

export interface DemoSeed {
  tenant_id: string;
  name: string;
  publishable_key: string;
  secret_key: string;
  member_token_secret: string;
  origins: string[];
}

/**
 * Seeds the demo association modelled on the eKollega pilot. Running it again keeps the data and
 * issues fresh keys (secret keys cannot be read back), adding any new origins.
 */
export async function seedDemo(store: Store, options: { origins: string[] }): Promise<DemoSeed> {
  const existing = await store.tenants.get(DEMO_TENANT_ID);
  if (!existing) {
    const created = await createTenant(store, { id: DEMO_TENANT_ID, name: 'Varsinais-Suomen Yrittäjät', origins: options.origins });
    return {
      tenant_id: created.tenant.id,
      name: created.tenant.name,
      publishable_key: created.publishableKey,
      secret_key: created.secretKey,
      member_token_secret: created.memberTokenSecret,
      origins: created.tenant.origins,
    };
  }
  const origins = [...new Set([...existing.origins, ...options.origins])];
  const tenant = (await store.tenants.update(existing.id, { origins }))!;
  const publishable = await issuePublishableKey(store, tenant);
  const secret = await issueSecretKey(store, tenant);
  return {
    tenant_id: tenant.id,
    name: tenant.name,
    publishable_key: publishable.publishableKey,
    secret_key: secret.secretKey,
    member_token_secret: tenant.memberTokenSecret,
    origins: tenant.origins,
  };
}
