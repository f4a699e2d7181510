/**
 * The API the scale run measures, in a child process of its own (as `bench/servers.ts`), on the
 * PostgreSQL database named by DATABASE_URL that `seed.ts` filled. Gives every association a
 * publishable key (one row each, kept across runs), mints member tokens, and prints one JSON line
 * with the URL and, per association, what a request needs. Each line it reads on stdin is
 * answered with one JSON line of this process's memory (`rss`, `heapUsed`, bytes).
 */
import { createInterface } from 'node:readline';
import { SignJWT } from 'jose';
import { startServer } from '../../packages/api/src/server.js';
import { openStore } from '../../packages/api/src/store/index.js';

const store = await openStore({ databaseUrl: process.env.DATABASE_URL });
await store.db.query(
  `insert into api_keys (id, tenant_id, kind, scopes)
   select 'key_' || id, id, 'publishable', '{read}' from tenants where id like 'ten_scale_%'
   on conflict (id) do nothing`,
);
const tenants = await store.db.query<{ id: string; origins: string[]; member_token_secret: string }>(
  "select id, origins, member_token_secret from tenants where id like 'ten_scale_%' order by id",
);
const iat = Math.floor(Date.now() / 1000);
const associations = await Promise.all(
  tenants.map(async (tenant) => ({
    tenantId: tenant.id,
    publishableKey: `pk_${await new SignJWT({ tid: tenant.id, scopes: ['read'], origins: tenant.origins })
      .setProtectedHeader({ alg: 'EdDSA', kid: store.platformKey.kid, typ: 'JWT' })
      .setIssuer('ekollega-platform')
      .setAudience('ekollega-api')
      .setJti(`key_${tenant.id}`)
      .setIssuedAt(iat)
      .sign(store.platformKey.privateKey)}`,
    // mem_1 belongs to grp_001 (9 members) and waits for a place in grp_100 (full).
    memberToken: await new SignJWT({ name: 'Jäsen 1', locale: 'fi', roles: ['member'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(tenant.id)
      .setAudience('ekollega')
      .setSubject('mem_1')
      .setIssuedAt(iat)
      .setExpirationTime(iat + 3600)
      .sign(new TextEncoder().encode(tenant.member_token_secret)),
  })),
);
const api = await startServer(store, {
  port: 0,
  log: false,
  rateLimits: { perIp: { limit: 1e9, windowMs: 60_000 }, perMember: { limit: 1e9, windowMs: 60_000 } },
});
console.log(JSON.stringify({ apiUrl: api.url, associations }));

for await (const _ of createInterface({ input: process.stdin })) {
  const { rss, heapUsed } = process.memoryUsage();
  console.log(JSON.stringify({ rss, heapUsed }));
}
process.exit(0);
