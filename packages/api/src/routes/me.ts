import { createRoute } from '@hono/zod-openapi';
import { MeSchema, memberOnly, problemResponses } from '../contract/index.js';
import { requireMember } from '../middleware/tenant.js';
import { router } from '../validation.js';

/** `/v1/me`: the signed-in member as the API sees them. */
export const me = router().openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['Members'],
    summary: 'The signed-in member',
    security: memberOnly,
    responses: {
      200: {
        description: 'The member and their association',
        content: { 'application/json': { schema: MeSchema } },
      },
      401: problemResponses[401],
    },
  }),
  (c) => {
    const member = requireMember(c);
    const tenant = c.get('caller').tenant;
    return c.json(
      {
        id: member.id,
        name: member.name,
        email: member.email,
        locale: member.locale,
        roles: member.roles,
        tenant: { id: tenant.id, name: tenant.name },
      },
      200,
    );
  },
);
