#!/usr/bin/env node
/**
 * The 1,000-association scale run (README, "Scale"): seeds two PostgreSQL databases the same way,
 * one with 1,000 associations and one with a single association, then measures a member's group
 * list, a member's sessions and a group board's Q&A list on each with autocannon against a real
 * API process, and prints both tables, their ratios, the databases' sizes and the API's resident
 * set after requests from every association. A report, not a timed test.
 *
 *   node bench/scale/run.mjs                 seed both databases anew (about 10 minutes), measure
 *   node bench/scale/run.mjs --reuse         keep databases a finished earlier seed left, measure
 *
 * Options: --associations N (default 1000), --seconds S per measurement (default 5), --rounds R
 * (default 3: each route measured R times on each database in turn, medians reported),
 * --connections C (default 10). SCALE_PG_URL names the server (default
 * postgres://postgres@127.0.0.1:5432); the databases are ekollega_scale and ekollega_scale_one.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const { values } = parseArgs({
  options: {
    reuse: { type: 'boolean', default: false },
    associations: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
  },
});
const associations = Number(values.associations);
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const rounds = Number(values.rounds);
const server = (process.env.SCALE_PG_URL ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '');
const here = (file) => new URL(file, import.meta.url).pathname;
const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const gib = (bytes) => `${(bytes / 2 ** 30).toFixed(2)} GiB`;

/** Runs a TypeScript file of this folder through tsx; resolves with its last stdout line. */
async function tsx(file, args, env) {
  const child = spawn(process.execPath, ['--import', 'tsx', here(file), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  let last = '';
  for await (const line of createInterface({ input: child.stdout })) last = line;
  const [code] = await once(child, 'exit');
  if (code !== 0) throw new Error(`${file} exited with ${code}`);
  return JSON.parse(last);
}

const databases = [
  { label: '1 association', name: 'ekollega_scale_one', count: 1 },
  { label: `${associations.toLocaleString('en')} associations`, name: 'ekollega_scale', count: associations },
];
for (const db of databases) {
  db.url = `${server}/${db.name}`;
  db.seed = await tsx('./seed.ts', [String(db.count), ...(values.reuse ? ['--reuse'] : [])], {
    DATABASE_URL: db.url,
  });
}

/** The routes measured, for a member (mem_1, in grp_001 and waiting for a place in grp_100). */
const ROUTES = [
  { name: 'GET /v1/groups (member)', path: '/v1/groups?limit=20' },
  { name: 'GET /v1/sessions (member)', path: '/v1/sessions?limit=20' },
  { name: 'GET /v1/questions?group= (member)', path: '/v1/questions?group=grp_001&limit=20' },
];

/** Starts the API on a database (a process of its own) and learns what its requests need. */
async function startApi(db) {
  const child = spawn(process.execPath, ['--import', 'tsx', here('./servers.ts')], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, DATABASE_URL: db.url },
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  db.ctx = JSON.parse((await lines.next()).value);
  db.child = child;
  db.memory = async () => {
    child.stdin.write('memory\n');
    return JSON.parse((await lines.next()).value);
  };
  // A few associations spread over the database: the first, the middle and the last.
  const all = db.ctx.associations;
  db.measured = [...new Set([0, Math.floor(all.length / 2), all.length - 1])].map((i) => all[i]);
}
const headersOf = (a) => ({ 'ekollega-key': a.publishableKey, authorization: `Bearer ${a.memberToken}` });

for (const db of databases) await startApi(db);

// Both APIs run side by side and each route is measured on them in turn, several rounds: the
// machine is shared, and alternating keeps a busy moment from landing on one database only.
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
for (const db of databases) db.rows = ROUTES.map((route) => ({ name: route.name, runs: [] }));
for (const [r, route] of ROUTES.entries()) {
  for (let round = 0; round < rounds; round++) {
    for (const db of round % 2 ? [...databases].reverse() : databases) {
      const requests = db.measured.map((a) => ({ method: 'GET', path: route.path, headers: headersOf(a) }));
      await autocannon({ url: db.ctx.apiUrl, requests, connections, duration: 1 });
      const result = await autocannon({ url: db.ctx.apiUrl, requests, connections, duration: seconds });
      if (result.non2xx > 0)
        console.error(`! ${db.label}, ${route.name}: ${result.non2xx} non-2xx responses`);
      db.rows[r].runs.push({
        rps: result.requests.average,
        p50: result.latency.p50,
        p99: result.latency.p99,
        errors: result.errors + result.non2xx,
      });
    }
  }
}
for (const db of databases) {
  for (const row of db.rows) {
    for (const field of ['rps', 'p50', 'p99']) row[field] = median(row.runs.map((run) => run[field]));
    row.errors = row.runs.reduce((sum, run) => sum + run.errors, 0);
  }
}

for (const db of databases) {
  db.rssMeasured = (await db.memory()).rss;
  // Then every association once, as a visitor and as its member, so that every cache of the
  // process (keys, tenants, tokens, visitors' memo, rate limit windows) holds all of them.
  const before = Date.now();
  const queue = [...db.ctx.associations];
  await Promise.all(
    Array.from({ length: connections }, async () => {
      for (let a = queue.shift(); a; a = queue.shift()) {
        for (const headers of [{ 'ekollega-key': a.publishableKey }, headersOf(a)]) {
          for (const path of ['/v1/groups?limit=20', '/v1/sessions?limit=20']) {
            const res = await fetch(`${db.ctx.apiUrl}${path}`, { headers });
            if (!res.ok) throw new Error(`${path} for ${a.tenantId}: ${res.status}`);
            await res.arrayBuffer();
          }
        }
      }
    }),
  );
  db.everyAssociationMs = Date.now() - before;
  db.rssAfter = await db.memory();
  db.child.kill();
}

const [one, many] = databases;
const table = (db) => {
  const out = [
    `${db.label} (${gib(db.seed.bytes)}; members of ${db.measured.map((a) => a.tenantId).join(', ')}), ${connections} connections, median of ${rounds} runs of ${seconds} s:`,
    '',
    '| route | req/s | p50 ms | p99 ms | errors |',
    '|---|---:|---:|---:|---:|',
  ];
  for (const row of db.rows)
    out.push(`| ${row.name} | ${row.rps.toFixed(0)} | ${row.p50} | ${row.p99} | ${row.errors} |`);
  return out.join('\n');
};
console.log(`\nScale run on PostgreSQL, one run on loopback (${new Date().toISOString().slice(0, 10)}):\n`);
console.log(table(one));
console.log('');
console.log(table(many));
console.log('');
console.log(`${many.label} against 1 (target: p99 at most 1.5×, throughput at least 80%):\n`);
console.log('| route | p99 ratio | throughput ratio | within target |');
console.log('|---|---:|---:|---|');
for (const [i, row] of many.rows.entries()) {
  const base = one.rows[i];
  // A p99 of 1 ms either side is the timer's resolution: compared as at least 1 ms.
  const p99 = Math.max(1, row.p99) / Math.max(1, base.p99);
  const rps = row.rps / base.rps;
  console.log(
    `| ${row.name} | ${p99.toFixed(2)}× | ${(rps * 100).toFixed(0)}% | ${p99 <= 1.5 && rps >= 0.8 ? 'yes' : 'no'} |`,
  );
}
console.log('');
for (const db of databases) {
  console.log(
    `${db.label}: database ${gib(db.seed.bytes)} (pg_database_size)` +
      (db.seed.reused ? ', seeded earlier' : `, seeded in ${db.seed.seconds} s`) +
      `; API resident set ${mib(db.rssMeasured)} after the measurements, ${mib(db.rssAfter.rss)} (heap ${mib(db.rssAfter.heapUsed)}) after a visitor's and a member's group list and sessions in each of its ${db.count.toLocaleString('en')} associations (${(db.everyAssociationMs / 1000).toFixed(1)} s)`,
  );
}
