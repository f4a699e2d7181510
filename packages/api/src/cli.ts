import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createTenant } from './auth/tenant-keys.js';
import {
  newOperatorToken,
  operator,
  OperatorError,
  readServerNote,
  writeServerNote,
  type KeyKind,
} from './operator.js';
import { openRateCounters, readRateLimitSettings, SettingError } from './rate-limit-settings.js';
import { seedDemo } from './seed/demo.js';
import { startServer } from './server.js';
import { DataDirLockedError, openStore, type Store } from './store/index.js';
import { OriginSchema } from './contract/tenant.js';

const USAGE = `ekollega — run and administer the eKollega widgets API

Store: PostgreSQL when DATABASE_URL is set, else the embedded data folder (--data DIR, default ./.ekollega).

  ekollega serve [--port N] [--host H]          migrate, serve, print the URL (PORT also works; default 8787)
        [--rate-limit-ip N] [--rate-limit-member N] [--rate-limit-window SECONDS]
        [--rate-limit-store memory|postgres|redis]
                                                requests per window per client address (default 600)
                                                and per member (300), the window (60); counted in this
                                                process, or shared: PostgreSQL with DATABASE_URL, Redis
                                                with REDIS_URL (EKOLLEGA_RATE_LIMIT_IP, _MEMBER, _WINDOW,
                                                _STORE work too)
  ekollega tenant create --name NAME --origin URL [--origin URL …] [--json]
  ekollega tenant list [--json]
  ekollega tenant origins --tenant ID [--add URL …] [--remove URL …]
  ekollega key list --tenant ID [--json]
  ekollega key rotate --tenant ID --kind publishable|secret|member-secret [--json]
  ekollega key revoke --key KEY_ID
  ekollega seed demo [--origin URL …] [--json]
`;

class UsageError extends Error {}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    data: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    'rate-limit-ip': { type: 'string' },
    'rate-limit-member': { type: 'string' },
    'rate-limit-window': { type: 'string' },
    'rate-limit-store': { type: 'string' },
    name: { type: 'string' },
    origin: { type: 'string', multiple: true },
    add: { type: 'string', multiple: true },
    remove: { type: 'string', multiple: true },
    tenant: { type: 'string' },
    kind: { type: 'string' },
    key: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});

const print = (value: unknown, text: string) =>
  console.log(values.json ? JSON.stringify(value, null, 2) : text);

function origins(list: string[] | undefined, flag: string): string[] {
  return (list ?? []).map((origin) => {
    const parsed = OriginSchema.safeParse(origin);
    if (!parsed.success)
      throw new UsageError(`${flag} ${origin}: expected ${parsed.error.issues[0]?.message}`);
    return origin;
  });
}

async function withStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore({
    databaseUrl: process.env.DATABASE_URL,
    dataDir: resolve(values.data ?? '.ekollega'),
  });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/**
 * Runs a key command on the store, or, when a live embedded server holds the data folder, asks
 * that server to run it through its operator routes: revocation then takes effect at once,
 * without stopping the server.
 */
async function onStoreOrServer<T>(
  local: (store: Store) => Promise<T>,
  remote: { method: 'GET' | 'POST'; path: string; body?: unknown },
): Promise<T> {
  try {
    return await withStore(local);
  } catch (error) {
    if (!(error instanceof DataDirLockedError) || process.env.DATABASE_URL) throw error;
    const note = readServerNote(error.dataDir, error.pid);
    if (!note) throw error;
    const res = await fetch(`${note.url}/operator${remote.path}`, {
      method: remote.method,
      headers: { authorization: `Bearer ${note.operator_token}`, 'content-type': 'application/json' },
      body: remote.body === undefined ? undefined : JSON.stringify(remote.body),
    });
    const body = await res.json();
    if (res.status === 404) throw new UsageError(body.detail ?? body.title);
    if (!res.ok) throw new Error(`the server at ${note.url} answered ${res.status}: ${body.title}`);
    return body as T;
  }
}

const tenantId = () => {
  if (!values.tenant) throw new UsageError('--tenant ID is required');
  return values.tenant;
};

/** Turns the operator's "no such tenant/key" into a usage mistake (exit 2). */
async function asUsage<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof OperatorError) throw new UsageError(error.message);
    throw error;
  }
}

async function tenantOf(store: Store) {
  if (!values.tenant) throw new UsageError('--tenant ID is required');
  const tenant = await store.tenants.get(values.tenant);
  if (!tenant) throw new UsageError(`no tenant ${values.tenant}`);
  return tenant;
}

async function main(): Promise<void> {
  const [command, sub] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return;
  }
  switch (`${command} ${sub ?? ''}`.trim()) {
    case 'serve': {
      const port = Number(values.port ?? process.env.PORT ?? 8787);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new UsageError(`--port ${values.port}: expected a port number`);
      const rateLimits = readRateLimitSettings(values, process.env);
      const store = await openStore({
        databaseUrl: process.env.DATABASE_URL,
        dataDir: resolve(values.data ?? '.ekollega'),
      });
      // An embedded store is held by this process alone: the key commands of the CLI reach it
      // through the operator routes, with the token this run leaves in the data folder.
      const dataDir = store.db.engine === 'pglite' ? resolve(values.data ?? '.ekollega') : null;
      const operatorToken = dataDir ? newOperatorToken() : undefined;
      const counters = await openRateCounters(rateLimits, store);
      const server = await startServer(store, {
        rateLimits: { perIp: rateLimits.perIp, perMember: rateLimits.perMember, counters: counters.counters },
        port,
        hostname: values.host ?? '127.0.0.1',
        trustProxy: process.env.EKOLLEGA_TRUST_PROXY === '1',
        ...(operatorToken ? { operatorToken } : {}),
      });
      const removeNote =
        dataDir && operatorToken ? writeServerNote(dataDir, server.url, operatorToken) : () => {};
      console.error(
        `eKollega API listening on ${server.url} (store: ${store.db.engine}); reference: ${server.url}/docs`,
      );
      console.error(
        `Rate limits: ${rateLimits.perIp.limit} per client address and ${rateLimits.perMember.limit} per member every ${rateLimits.perIp.windowMs / 1000} s, counted ${rateLimits.store === 'memory' ? 'in this process' : `in ${rateLimits.store} (shared by every process)`}`,
      );
      const stop = async () => {
        removeNote();
        await server.close();
        await counters.close();
        await store.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      return;
    }
    case 'tenant create': {
      if (!values.name) throw new UsageError('--name NAME is required');
      const list = origins(values.origin, '--origin');
      if (!list.length)
        throw new UsageError('at least one --origin URL is required (the association’s website)');
      const created = await withStore((store) => createTenant(store, { name: values.name!, origins: list }));
      const out = {
        tenant_id: created.tenant.id,
        publishable_key: created.publishableKey,
        secret_key: created.secretKey,
        member_token_secret: created.memberTokenSecret,
      };
      print(
        out,
        `Created ${created.tenant.name} (${created.tenant.id})\n\n` +
          Object.entries(out)
            .map(([k, v]) => `${k}: ${v}`)
            .join('\n') +
          '\n\nKeep secret_key and member_token_secret on your server; they are shown once.',
      );
      return;
    }
    case 'tenant list': {
      const tenants = await withStore((store) => store.tenants.list());
      const out = tenants.map((t) => ({
        tenant_id: t.id,
        name: t.name,
        origins: t.origins,
        created_at: t.createdAt.toISOString(),
      }));
      print(
        out,
        out.map((t) => `${t.tenant_id}\t${t.name}\t${t.origins.join(' ')}`).join('\n') || '(no tenants)',
      );
      return;
    }
    case 'tenant origins': {
      const add = origins(values.add, '--add');
      const remove = new Set(values.remove ?? []);
      const tenant = await withStore(async (store) => {
        const current = await tenantOf(store);
        const next = [...new Set([...current.origins, ...add])].filter((o) => !remove.has(o));
        return (await store.tenants.update(current.id, { origins: next }))!;
      });
      print({ tenant_id: tenant.id, origins: tenant.origins }, tenant.origins.join('\n'));
      return;
    }
    case 'key list': {
      const tenant = tenantId();
      const out = await onStoreOrServer((store) => asUsage(operator.listKeys(store, tenant)), {
        method: 'GET',
        path: `/tenants/${encodeURIComponent(tenant)}/keys`,
      });
      print(
        out,
        out
          .map((k) => `${k.key_id}\t${k.kind}\t${k.revoked_at ? `revoked ${k.revoked_at}` : 'live'}`)
          .join('\n'),
      );
      return;
    }
    case 'key rotate': {
      const kind = values.kind;
      if (kind !== 'publishable' && kind !== 'secret' && kind !== 'member-secret')
        throw new UsageError('--kind must be publishable, secret or member-secret');
      const tenant = tenantId();
      const out: Record<string, unknown> = await onStoreOrServer(
        (store) => asUsage(operator.rotate(store, tenant, kind satisfies KeyKind, new Date())),
        { method: 'POST', path: `/tenants/${encodeURIComponent(tenant)}/keys/rotate`, body: { kind } },
      );
      print(
        out,
        Object.entries(out)
          .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(' ') || '(none)' : v}`)
          .join('\n'),
      );
      return;
    }
    case 'key revoke': {
      if (!values.key) throw new UsageError('--key KEY_ID is required');
      const key = values.key;
      const out = await onStoreOrServer((store) => asUsage(operator.revoke(store, key, new Date())), {
        method: 'POST',
        path: `/keys/${encodeURIComponent(key)}/revoke`,
      });
      print(out, `Revoked ${key}. API processes stop accepting it within 5 seconds.`);
      return;
    }
    case 'seed demo': {
      const list = origins(
        values.origin?.length ? values.origin : ['http://localhost:5173', 'http://127.0.0.1:5173'],
        '--origin',
      );
      const seed = await withStore((store) => seedDemo(store, { origins: list }));
      print(
        seed,
        `Seeded ${seed.name} (${seed.tenant_id})\npublishable_key: ${seed.publishable_key}\nmember_token_secret: ${seed.member_token_secret}`,
      );
      return;
    }
    default:
      throw new UsageError(`unknown command: ${positionals.join(' ')}`);
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError || error instanceof SettingError) {
    console.error(`ekollega: ${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (error instanceof DataDirLockedError) {
    console.error(`ekollega: ${error.message}`);
    process.exit(3);
  }
  console.error(error);
  process.exit(1);
});
