import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { openStore } from '../src/store/index.js';

const bin = join(import.meta.dirname, '../bin/ekollega.mjs');
const env = { ...process.env, DATABASE_URL: '' };

/** Runs `ekollega …` as a person would; resolves with its exit code and output. */
async function ekollega(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Asks an app over the same data folder (after the CLI has exited) what a key may do. */
async function withApp<T>(
  dir: string,
  fn: (request: (path: string, key: string) => Promise<Response>) => Promise<T>,
) {
  const store = await openStore({ dataDir: dir });
  try {
    const app = createApp({ store, log: false });
    return await fn((path, key) => Promise.resolve(app.request(path, { headers: { 'ekollega-key': key } })));
  } finally {
    await store.close();
  }
}

/** Starts `ekollega serve` on a data folder; resolves with its URL and a stop function. */
async function serve(data: string[]) {
  const server = spawn(process.execPath, [bin, 'serve', '--port', '0', ...data], { env });
  const exited = new Promise((resolve) => server.on('exit', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    let err = '';
    server.stderr.on('data', (chunk: Buffer) => {
      err += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(err);
      if (match) resolve(match[1]!);
    });
    server.on('exit', () => reject(new Error(err)));
  });
  return {
    url,
    stop: async () => {
      server.kill('SIGTERM');
      await exited;
    },
  };
}

// Every command boots the embedded store in a process of its own, several per test: on a busy
// machine that takes longer than the suite's default timeout.
describe('ekollega CLI', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'ek-cli-'));
  const data = ['--data', dir];
  let created: {
    tenant_id: string;
    publishable_key: string;
    secret_key: string;
    member_token_secret: string;
  };

  beforeAll(async () => {
    const out = await ekollega([
      'tenant',
      'create',
      '--name',
      'Satakunnan Yrittäjät',
      '--origin',
      'https://sy.example',
      '--json',
      ...data,
    ]);
    expect(out.code).toBe(0);
    created = JSON.parse(out.stdout);
  });

  it('creates a tenant and prints its keys as JSON', async () => {
    expect(Object.keys(created).sort()).toEqual([
      'member_token_secret',
      'publishable_key',
      'secret_key',
      'tenant_id',
    ]);
    expect(created.publishable_key).toMatch(/^pk_/);
    expect(created.secret_key).toMatch(/^sk_/);
    await withApp(dir, async (request) => {
      const res = await request('/v1/config', created.publishable_key);
      expect((await res.json()).tenant).toEqual({ id: created.tenant_id, name: 'Satakunnan Yrittäjät' });
    });
  });

  it('lists tenants', async () => {
    const out = await ekollega(['tenant', 'list', '--json', ...data]);
    expect(JSON.parse(out.stdout)).toEqual([
      expect.objectContaining({ tenant_id: created.tenant_id, origins: ['https://sy.example'] }),
    ]);
  });

  it('adds and removes allowed origins', async () => {
    const out = await ekollega([
      'tenant',
      'origins',
      '--tenant',
      created.tenant_id,
      '--add',
      'https://www.sy.example',
      '--remove',
      'https://sy.example',
      '--json',
      ...data,
    ]);
    expect(JSON.parse(out.stdout).origins).toEqual(['https://www.sy.example']);
    const bad = await ekollega([
      'tenant',
      'origins',
      '--tenant',
      created.tenant_id,
      '--add',
      'sy.example/path',
      ...data,
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--add sy.example/path');
  });

  it('rotates the publishable key: the new one works, the old one is revoked', async () => {
    const out = await ekollega([
      'key',
      'rotate',
      '--tenant',
      created.tenant_id,
      '--kind',
      'publishable',
      '--json',
      ...data,
    ]);
    const rotated = JSON.parse(out.stdout);
    expect(rotated.revoked).toHaveLength(1);
    await withApp(dir, async (request) => {
      expect((await request('/v1/config', rotated.publishable_key)).status).toBe(200);
      expect((await (await request('/v1/config', created.publishable_key)).json()).code).toBe('key_revoked');
    });
  });

  it('revokes one key by id, and rotates the member token secret', async () => {
    const keys = JSON.parse(
      (await ekollega(['key', 'list', '--tenant', created.tenant_id, '--json', ...data])).stdout,
    );
    const secret = keys.find(
      (k: { kind: string; revoked_at: string | null }) => k.kind === 'secret' && !k.revoked_at,
    );
    expect((await ekollega(['key', 'revoke', '--key', secret.key_id, ...data])).code).toBe(0);
    await withApp(dir, async (request) => {
      expect((await (await request('/v1/tenant', created.secret_key)).json()).code).toBe('key_revoked');
    });
    const again = await ekollega(['key', 'revoke', '--key', secret.key_id, ...data]);
    expect(again.code).toBe(2);
    const member = JSON.parse(
      (
        await ekollega([
          'key',
          'rotate',
          '--tenant',
          created.tenant_id,
          '--kind',
          'member-secret',
          '--json',
          ...data,
        ])
      ).stdout,
    );
    expect(member.member_token_secret).not.toBe(created.member_token_secret);
  });

  it('seeds the demo association, again without duplicating it', async () => {
    const first = JSON.parse((await ekollega(['seed', 'demo', '--json', ...data])).stdout);
    const second = JSON.parse((await ekollega(['seed', 'demo', '--json', ...data])).stdout);
    expect(first.tenant_id).toBe(second.tenant_id);
    expect(first.name).toBe('Varsinais-Suomen Yrittäjät');
    const tenants = JSON.parse((await ekollega(['tenant', 'list', '--json', ...data])).stdout);
    expect(tenants.filter((t: { name: string }) => t.name === 'Varsinais-Suomen Yrittäjät')).toHaveLength(1);
  });

  it('explains a usage mistake', async () => {
    const out = await ekollega(['tenant', 'create', '--name', 'No origin ry', ...data]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('--origin');
  });

  it('serves, and a second process gets a clear error instead of a corrupted folder', async () => {
    const server = await serve(data);
    try {
      expect(await (await fetch(`${server.url}/v1/health`)).json()).toEqual({ status: 'ok' });
      const second = await ekollega(['tenant', 'list', ...data]);
      expect(second.code).toBe(3);
      expect(second.stderr).toMatch(/in use by another ekollega process/);
    } finally {
      await server.stop();
    }
    const after = await ekollega(['tenant', 'list', '--json', ...data]);
    expect(after.code).toBe(0);
    expect(JSON.parse(after.stdout).length).toBe(2);
  });

  it('lists, rotates and revokes keys through a running server, which refuses a revoked key at once', async () => {
    const own = ['--data', mkdtempSync(join(tmpdir(), 'ek-cli-live-'))];
    const tenant = JSON.parse(
      (
        await ekollega([
          'tenant',
          'create',
          '--name',
          'Elävä ry',
          '--origin',
          'https://e.example',
          '--json',
          ...own,
        ])
      ).stdout,
    );
    const server = await serve(own);
    try {
      const note = join(own[1]!, 'server.json');
      expect(statSync(note).mode & 0o777).toBe(0o600);
      const asServer = (key: string) =>
        fetch(`${server.url}/v1/tenant`, { headers: { 'ekollega-key': key } });
      expect((await asServer(tenant.secret_key)).status).toBe(200);

      const listed = await ekollega(['key', 'list', '--tenant', tenant.tenant_id, '--json', ...own]);
      expect(listed.code).toBe(0);
      const keys = JSON.parse(listed.stdout);
      expect(keys.map((k: { kind: string }) => k.kind)).toEqual(['publishable', 'secret']);
      const secret = keys.find((k: { kind: string }) => k.kind === 'secret');

      const revoked = await ekollega(['key', 'revoke', '--key', secret.key_id, '--json', ...own]);
      expect(revoked.code, revoked.stderr).toBe(0);
      expect(JSON.parse(revoked.stdout)).toEqual({ key_id: secret.key_id, revoked: true });
      expect((await (await asServer(tenant.secret_key)).json()).code).toBe('key_revoked');
      expect((await ekollega(['key', 'revoke', '--key', secret.key_id, ...own])).code).toBe(2);

      const rotated = await ekollega([
        'key',
        'rotate',
        '--tenant',
        tenant.tenant_id,
        '--kind',
        'secret',
        '--json',
        ...own,
      ]);
      expect(rotated.code, rotated.stderr).toBe(0);
      expect((await asServer(JSON.parse(rotated.stdout).secret_key)).status).toBe(200);

      const forged = await fetch(`${server.url}/operator/keys/${secret.key_id}/revoke`, {
        method: 'POST',
        headers: { authorization: 'Bearer not-the-token' },
      });
      expect(forged.status).toBe(401);
    } finally {
      await server.stop();
    }
    expect(existsSync(join(own[1]!, 'server.json'))).toBe(false);
  }, 240_000);
});
