/**
 * The servers the throughput bench measures, in one child process so the load generator does not
 * share their event loop: a bare Hono hello-world and the API with a seeded association.
 * Prints one JSON line with their URLs and what a request needs.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { SignJWT } from 'jose';
import { createTenant } from '../packages/api/src/auth/tenant-keys.js';
import { startServer } from '../packages/api/src/server.js';
import { openStore } from '../packages/api/src/store/index.js';
import { seedBench } from './seed.js';

const hello = new Hono().get('/', (c) => c.text('Hello Hono!'));
const helloUrl = await new Promise<string>((resolve) => {
  serve({ fetch: hello.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
    resolve(`http://127.0.0.1:${info.port}`),
  );
});

const store = await openStore({ databaseUrl: process.env.DATABASE_URL || undefined });
const tenant = await createTenant(store, { name: 'Bench ry', origins: ['http://bench.example'] });
const iat = Math.floor(Date.now() / 1000);
const memberToken = await new SignJWT({ name: 'Bench Member', roles: ['member'] })
  .setProtectedHeader({ alg: 'HS256' })
  .setIssuer(tenant.tenant.id)
  .setAudience('ekollega')
  .setSubject('bench-member')
  .setIssuedAt(iat)
  .setExpirationTime(iat + 3600)
  .sign(new TextEncoder().encode(tenant.memberTokenSecret));
const extra = await seedBench(store, tenant.tenant.id);
const api = await startServer(store, {
  port: 0,
  log: false,
  rateLimits: { perIp: { limit: 1e9, windowMs: 60_000 }, perMember: { limit: 1e9, windowMs: 60_000 } },
});

// A second baseline: bare Hono sending the very bytes of the visitors' group list, so the report
// shows what the payload alone costs beside what the API's own work costs.
const listBytes = Buffer.from(
  await (
    await fetch(`${api.url}/v1/groups?limit=20`, { headers: { 'ekollega-key': tenant.publishableKey } })
  ).arrayBuffer(),
);
const sameBytes = new Hono().get('/', (c) =>
  c.body(listBytes as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'application/json' }),
);
const bytesUrl = await new Promise<string>((resolve) => {
  serve({ fetch: sameBytes.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
    resolve(`http://127.0.0.1:${info.port}`),
  );
});

// A member's browser revalidating its group list: the ETag of the list as the member has it.
const memberList = await fetch(`${api.url}/v1/groups?limit=20`, {
  headers: { 'ekollega-key': tenant.publishableKey, authorization: `Bearer ${memberToken}` },
});
extra.targets.push({
  name: 'GET /v1/groups (member, 304)',
  path: '/v1/groups?limit=20',
  member: true,
  headers: { 'if-none-match': memberList.headers.get('etag') ?? '' },
});

console.log(
  JSON.stringify({
    helloUrl,
    bytesUrl,
    listBytes: listBytes.length,
    apiUrl: api.url,
    engine: store.db.engine,
    publishableKey: tenant.publishableKey,
    memberToken,
    ...extra,
  }),
);

// A clean exit on SIGINT lets `node --cpu-prof bench/servers.ts` write its profile. With
// BENCH_CPU_PROF=<file>, only what happens after seeding is profiled: the requests, not the start.
const profile = process.env.BENCH_CPU_PROF ? await startProfile(process.env.BENCH_CPU_PROF) : undefined;
process.once('SIGINT', async () => {
  await profile?.();
  process.exit(0);
});

async function startProfile(file: string): Promise<() => Promise<void>> {
  const { Session } = await import('node:inspector/promises');
  const { writeFile } = await import('node:fs/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    await writeFile(file, JSON.stringify(profile));
  };
}
