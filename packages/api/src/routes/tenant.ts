import { createRoute, z } from '@hono/zod-openapi';
import { rotateKey } from '../auth/tenant-keys.js';
import {
  adminOnly,
  ApiKeyListSchema,
  ApiKeySchema,
  jsonContent,
  keyed,
  problemResponses,
  PublicConfigSchema,
  RotatedKeySchema,
  RotateKeySchema,
  TenantAdminSchema,
  TenantPatchSchema,
  type ApiKeyView,
  type TenantAdmin,
} from '../contract/index.js';
import { requireRole } from '../middleware/tenant.js';
import { notFound, Problem } from '../problem.js';
import type { ApiKey, Tenant } from '../store/index.js';
import { qaSettings } from '../store/questions.js';
import { router } from '../validation.js';

const toAdmin = (t: Tenant): TenantAdmin => ({
  id: t.id,
  name: t.name,
  origins: t.origins,
  strings: t.strings,
  settings: t.settings,
  created_at: t.createdAt.toISOString(),
});

const toKeyView = (k: ApiKey, inUse: string): ApiKeyView => ({
  id: k.id,
  kind: k.kind,
  scopes: k.scopes,
  created_at: k.createdAt.toISOString(),
  revoked_at: k.revokedAt?.toISOString() ?? null,
  in_use: k.id === inUse,
});

const KeyId = z.object({ keyId: z.string().min(1).max(100) });
const keyTags = ['Association keys'];

/** `/v1/config` (what widgets need to start) and `/v1/tenant` (the association's own settings). */
export const config = router().openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['Association'],
    summary: 'Public configuration for widgets: the association’s name and text overrides',
    security: keyed,
    responses: {
      200: { description: 'Configuration', content: { 'application/json': { schema: PublicConfigSchema } } },
      401: problemResponses[401],
    },
  }),
  (c) => {
    const tenant = c.get('caller').tenant;
    c.header('cache-control', 'public, max-age=60');
    // One URL serves every association: a cache must key it by the key sent.
    c.header('vary', 'Origin, Ekollega-Key');
    const qa = qaSettings(tenant);
    return c.json(
      {
        tenant: { id: tenant.id, name: tenant.name },
        strings: tenant.strings,
        qa: { public_read: qa.publicRead, downvotes: qa.downvotes },
      },
      200,
    );
  },
);

export const tenant = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['Association'],
      summary: 'The association’s settings (admins and the secret key)',
      security: adminOnly,
      responses: {
        200: { description: 'Settings', content: { 'application/json': { schema: TenantAdminSchema } } },
        401: problemResponses[401],
        403: problemResponses[403],
      },
    }),
    (c) => {
      requireRole(c, 'admin');
      return c.json(toAdmin(c.get('caller').tenant), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/',
      tags: ['Association'],
      summary: 'Change the name, allowed origins, widget texts or Q&A settings',
      security: adminOnly,
      request: { body: { required: true, content: { 'application/json': { schema: TenantPatchSchema } } } },
      responses: {
        200: {
          description: 'Settings after the change',
          content: { 'application/json': { schema: TenantAdminSchema } },
        },
        ...problemResponses,
      },
    }),
    async (c) => {
      requireRole(c, 'admin');
      const { settings, ...patch } = c.req.valid('json');
      const updated = await c
        .get('store')
        .tenants.update(c.get('caller').tenant.id, settings ? { ...patch, settingsPatch: settings } : patch);
      if (!updated) throw notFound('association');
      return c.json(toAdmin(updated), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/keys',
      tags: keyTags,
      summary: 'The association’s keys, live and revoked (ids only, never the keys themselves)',
      security: adminOnly,
      responses: {
        200: jsonContent(ApiKeyListSchema, 'Every key, oldest first'),
        401: problemResponses[401],
        403: problemResponses[403],
      },
    }),
    async (c) => {
      requireRole(c, 'admin');
      const { tenant, keyId } = c.get('caller');
      const keys = await c.get('store').tenants.listKeys(tenant.id);
      return c.json({ items: keys.map((k) => toKeyView(k, keyId)) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/keys/rotate',
      tags: keyTags,
      summary: 'Issue a new key (or member token secret) and revoke the others of its kind',
      description:
        'The answer carries the new key or secret once; it is never shown again. Every other live key of that kind stops working at once in this process and within 5 seconds in others, the one this request came with included.',
      security: adminOnly,
      request: { body: { required: true, content: { 'application/json': { schema: RotateKeySchema } } } },
      responses: { 201: jsonContent(RotatedKeySchema, 'The new key, shown once'), ...problemResponses },
    }),
    async (c) => {
      requireRole(c, 'admin');
      const { kind } = c.req.valid('json');
      const store = c.get('store');
      const tenant = c.get('caller').tenant;
      c.header('cache-control', 'no-store');
      if (kind === 'member_secret') {
        const secret = await store.tenants.rotateMemberTokenSecret(tenant.id);
        if (!secret) throw notFound('association');
        return c.json({ kind, key_id: null, key: secret, revoked: [] }, 201);
      }
      const rotated = await rotateKey(store, tenant, kind, c.get('clock')());
      return c.json({ kind, key_id: rotated.keyId, key: rotated.key, revoked: rotated.revoked }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/keys/{keyId}/revoke',
      tags: keyTags,
      summary: 'Revoke one key',
      description:
        'Takes effect at once in this process and within 5 seconds in others. Revoking the key this request came with is refused (409 `key_in_use`) when it is the association’s last live key of its kind: rotate it instead, which hands over a new one in the same step. Revoking a revoked key answers its state again.',
      security: adminOnly,
      request: { params: KeyId },
      responses: {
        200: jsonContent(ApiKeySchema, 'The key, revoked'),
        401: problemResponses[401],
        403: problemResponses[403],
        404: problemResponses[404],
        409: problemResponses[409],
      },
    }),
    async (c) => {
      requireRole(c, 'admin');
      const { tenant, keyId: inUse } = c.get('caller');
      const result = await c
        .get('store')
        .tenants.revokeForCaller(tenant.id, c.req.valid('param').keyId, inUse, c.get('clock')());
      if (!result) throw notFound('key');
      if (result.outcome === 'last_in_use')
        throw new Problem(
          409,
          'key_in_use',
          'This is the key you are using, and the association’s last of its kind',
          'Rotate it instead: that issues a new key and revokes this one in the same step.',
        );
      return c.json(toKeyView(result.key, inUse), 200);
    },
  );
