import { createApp, createTenant, openStore, type Store } from '@ekollega/api';
import { SignJWT } from 'jose';
import { createAdminClient } from '../src/admin.js';
import { createClient } from '../src/index.js';

/**
 * A real API in-process over an in-memory store, with one association, and clients as its
 * members would have them: the SDK's fetch is the app itself.
 */
export async function association() {
  const store: Store = await openStore();
  const tenant = await createTenant(store, {
    name: 'Varsinais-Suomen Yrittäjät',
    origins: ['https://vsy.example'],
  });
  const app = createApp({ store, log: false });
  const fetchApp: typeof fetch = (input, init) =>
    Promise.resolve(app.request(String(input), init as RequestInit));

  /** A member token as the association's backend mints it; the name is the id capitalised. */
  const tokenOf = (sub: string, roles: string[] = ['member']) => {
    const iat = Math.floor(Date.now() / 1000);
    return new SignJWT({ name: sub.replace(/^./, (c) => c.toUpperCase()), roles })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(tenant.tenant.id)
      .setAudience('ekollega')
      .setSubject(sub)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 600)
      .sign(new TextEncoder().encode(tenant.memberTokenSecret));
  };

  return {
    store,
    tenant,
    fetchApp,
    tokenOf,
    /** A page's client for this member, or a visitor's for `null`. */
    as: (sub: string | null, roles?: string[]) =>
      createClient({
        baseUrl: 'http://api.test',
        tenantKey: tenant.publishableKey,
        fetch: fetchApp,
        getMemberToken: () => (sub ? tokenOf(sub, roles) : null),
      }),
    admin: () =>
      createAdminClient({ baseUrl: 'http://api.test', secretKey: tenant.secretKey, fetch: fetchApp }),
    close: () => store.close(),
  };
}
