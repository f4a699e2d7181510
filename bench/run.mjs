#!/usr/bin/env node
/**
 * Throughput of the API beside a bare Hono hello-world, measured in one run on loopback, reported
 * as ratios (not a timed test). `pnpm bench` — set DATABASE_URL to measure on PostgreSQL,
 * BENCH_SECONDS to change the duration of each measurement (default 5).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);

const child = spawn(
  process.execPath,
  ['--import', 'tsx', new URL('./servers.ts', import.meta.url).pathname],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: process.env,
  },
);
const [line] = await once(createInterface({ input: child.stdout }), 'line');
const ctx = JSON.parse(line);
const visitor = { 'ekollega-key': ctx.publishableKey };
const member = { ...visitor, authorization: `Bearer ${ctx.memberToken}` };

/** What is measured: each row's requests/s is compared with hello-world's. */
const targets = [
  { name: 'hello-world (bare Hono)', url: `${ctx.helloUrl}/` },
  { name: `bare Hono, ${ctx.listBytes} B (group list bytes)`, url: `${ctx.bytesUrl}/` },
  { name: 'GET /v1/health', url: `${ctx.apiUrl}/v1/health` },
  { name: 'GET /v1/config (visitor)', url: `${ctx.apiUrl}/v1/config`, headers: visitor },
  { name: 'GET /v1/me (member)', url: `${ctx.apiUrl}/v1/me`, headers: member },
  ...(ctx.targets ?? []).map((t) => ({
    name: t.name,
    url: `${ctx.apiUrl}${t.path}`,
    headers: { ...(t.member ? member : visitor), ...t.headers },
  })),
];

const rows = [];
for (const target of targets) {
  // A short warm-up so JIT and caches do not count against the first target.
  await autocannon({ url: target.url, headers: target.headers, connections, duration: 1 });
  const result = await autocannon({
    url: target.url,
    headers: target.headers,
    connections,
    duration: seconds,
  });
  // A 304 is the answer a revalidating client wants; 4xx and 5xx are errors.
  const failed = result['4xx'] + result['5xx'];
  if (failed > 0) console.error(`! ${target.name}: ${failed} 4xx/5xx responses`);
  rows.push({
    name: target.name,
    rps: result.requests.average,
    p99: result.latency.p99,
    errors: result.errors + failed,
  });
}
child.kill();

const base = rows[0].rps;
console.log(
  `\nThroughput on ${ctx.engine}, ${connections} connections, ${seconds} s each, one run on loopback:\n`,
);
console.log(
  [
    'target'.padEnd(40),
    'req/s'.padStart(9),
    'p99 ms'.padStart(8),
    'vs hello'.padStart(9),
    'errors'.padStart(7),
  ].join(' '),
);
for (const row of rows) {
  console.log(
    [
      row.name.padEnd(40),
      row.rps.toFixed(0).padStart(9),
      String(row.p99).padStart(8),
      `${((row.rps / base) * 100).toFixed(0)}%`.padStart(9),
      String(row.errors).padStart(7),
    ].join(' '),
  );
}
