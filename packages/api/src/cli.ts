import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createTenant, rotateKey } from './auth/tenant-keys.js';
import { seedDemo } from './seed/demo.js';
import { startServer } from './server.js';
import { DataDirLockedError, openStore, type Store } from './store/index.js';
import { OriginSchema } from './contract/tenant.js';

const USAGE = `ekollega — run and administer the eKollega widgets API

Store: PostgreSQL when DATABASE_URL is set, else the embedded data folder (--data DIR, default ./.ekollega).

  ekollega serve [--port N] [--host H]          migrate, serve, print the URL (PORT also works; default 8787)
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
      const store = await openStore({
        databaseUrl: process.env.DATABASE_URL,
        dataDir: resolve(values.data ?? '.ekollega'),
      });
      const server = await startServer(store, {
        port,
        hostname: values.host ?? '127.0.0.1',
        trustProxy: process.env.EKOLLEGA_TRUST_PROXY === '1',
      });
      console.error(
        `eKollega API listening on ${server.url} (store: ${store.db.engine}); reference: ${server.url}/docs`,
      );
      const stop = async () => {
        await server.close();
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
      const keys = await withStore(async (store) => store.tenants.listKeys((await tenantOf(store)).id));
      const out = keys.map((k) => ({
        key_id: k.id,
        kind: k.kind,
        scopes: k.scopes,
        created_at: k.createdAt.toISOString(),
        revoked_at: k.revokedAt?.toISOString() ?? null,
      }));
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
      const out = await withStore(async (store) => {
        const tenant = await tenantOf(store);
        if (kind === 'member-secret')
          return {
            tenant_id: tenant.id,
            member_token_secret: await store.tenants.rotateMemberTokenSecret(tenant.id),
          };
        const rotated = await rotateKey(store, tenant, kind, new Date());
        return {
          tenant_id: tenant.id,
          key_id: rotated.keyId,
          [`${kind}_key`]: rotated.key,
          revoked: rotated.revoked,
        };
      });
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
      const revoked = await withStore((store) => store.tenants.revokeKey(values.key!, new Date()));
      if (!revoked) throw new UsageError(`no live key ${values.key}`);
      print(
        { key_id: values.key, revoked: true },
        `Revoked ${values.key}. API processes stop accepting it within 5 seconds.`,
      );
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
  if (error instanceof UsageError) {
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
