import { createRoute } from '@hono/zod-openapi';
import {
  adminOnly,
  keyed,
  problemResponses,
  PublicConfigSchema,
  TenantAdminSchema,
  TenantPatchSchema,
  type TenantAdmin,
} from '../contract/index.js';
import { requireRole } from '../middleware/tenant.js';
import { notFound } from '../problem.js';
import type { Tenant } from '../store/index.js';
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
  );
