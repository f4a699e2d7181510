import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono, type Context } from 'hono';
import { rotateKey } from './auth/tenant-keys.js';
import type { Env } from './env.js';
import { Problem } from './problem.js';
import type { Store } from './store/index.js';

/**
 * The platform operator's key commands (`ekollega key list|rotate|revoke`), shared by the CLI,
 * which runs them on the store directly, and by a running embedded server, which runs them for
 * the CLI when the server holds the data folder. Unknown ids are an `OperatorError`.
 */
export class OperatorError extends Error {}

export type KeyKind = 'publishable' | 'secret' | 'member-secret';

export const operator = {
  async listKeys(store: Store, tenantId: string) {
    if (!(await store.tenants.get(tenantId))) throw new OperatorError(`no tenant ${tenantId}`);
    return (await store.tenants.listKeys(tenantId)).map((k) => ({
      key_id: k.id,
      kind: k.kind,
      scopes: k.scopes,
      created_at: k.createdAt.toISOString(),
      revoked_at: k.revokedAt?.toISOString() ?? null,
    }));
  },

  async rotate(store: Store, tenantId: string, kind: KeyKind, now: Date) {
    const tenant = await store.tenants.get(tenantId);
    if (!tenant) throw new OperatorError(`no tenant ${tenantId}`);
    if (kind === 'member-secret')
      return {
        tenant_id: tenant.id,
        member_token_secret: await store.tenants.rotateMemberTokenSecret(tenant.id),
      };
    const rotated = await rotateKey(store, tenant, kind, now);
    return {
      tenant_id: tenant.id,
      key_id: rotated.keyId,
      [`${kind}_key`]: rotated.key,
      revoked: rotated.revoked,
    };
  },

  async revoke(store: Store, keyId: string, now: Date) {
    if (!(await store.tenants.revokeKey(keyId, now))) throw new OperatorError(`no live key ${keyId}`);
    return { key_id: keyId, revoked: true };
  },
};

/** What a running embedded server leaves in its data folder for the CLI (mode 0600). */
export interface ServerNote {
  url: string;
  pid: number;
  operator_token: string;
}

const noteFile = (dataDir: string) => join(dataDir, 'server.json');

/** A fresh operator token for one run of a server. */
export const newOperatorToken = () => randomBytes(32).toString('base64url');

/**
 * Writes the server's URL and operator token into the data folder, readable by its owner only:
 * whoever may read the folder could take the store itself, so the token grants nothing more.
 * Written to a temporary file first, so the CLI never reads half of it. Returns its removal.
 */
export function writeServerNote(dataDir: string, url: string, token: string): () => void {
  const note: ServerNote = { url, pid: process.pid, operator_token: token };
  const temporary = `${noteFile(dataDir)}.${process.pid}`;
  writeFileSync(temporary, JSON.stringify(note), { mode: 0o600 });
  renameSync(temporary, noteFile(dataDir));
  return () => rmSync(noteFile(dataDir), { force: true });
}

/** The note of the server whose process holds the folder, or null when there is none. */
export function readServerNote(dataDir: string, holderPid: number): ServerNote | null {
  try {
    const note = JSON.parse(readFileSync(noteFile(dataDir), 'utf8')) as ServerNote;
    return note.pid === holderPid && typeof note.operator_token === 'string' ? note : null;
  } catch {
    return null;
  }
}

/**
 * Routes the CLI calls on a running embedded server, with the operator token of its note as a
 * bearer token. Never from a browser (any Origin is refused) and never listed in the OpenAPI
 * document: they exist only while a server holds an embedded folder.
 */
export function operatorRoutes(token: string) {
  const expected = Buffer.from(token);
  const app = new Hono<Env>();
  app.use(async (c, next) => {
    if (c.req.header('origin'))
      throw new Problem(403, 'operator_from_browser', 'Operator routes are for the local CLI only');
    const sent = Buffer.from(/^Bearer (\S+)$/.exec(c.req.header('authorization') ?? '')?.[1] ?? '');
    if (sent.length !== expected.length || !timingSafeEqual(sent, expected))
      throw new Problem(401, 'operator_token_invalid', 'The operator token is not valid');
    await next();
  });
  const answer = async (c: Context<Env>, work: (store: Store, now: Date) => Promise<unknown>) => {
    try {
      return c.json(await work(c.get('store'), c.get('clock')()));
    } catch (error) {
      if (error instanceof OperatorError) throw new Problem(404, 'not_found', error.message);
      throw error;
    }
  };
  return app
    .get('/tenants/:tenant/keys', (c) =>
      answer(c, (store) => operator.listKeys(store, c.req.param('tenant'))),
    )
    .post('/tenants/:tenant/keys/rotate', async (c) => {
      const { kind } = await c.req.json<{ kind?: unknown }>().catch(() => ({ kind: undefined }));
      if (kind !== 'publishable' && kind !== 'secret' && kind !== 'member-secret')
        throw new Problem(422, 'validation_failed', 'kind must be publishable, secret or member-secret');
      return answer(c, (store, now) => operator.rotate(store, c.req.param('tenant'), kind, now));
    })
    .post('/keys/:key/revoke', (c) =>
      answer(c, (store, now) => operator.revoke(store, c.req.param('key'), now)),
    );
}
