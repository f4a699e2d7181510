import { z } from '@hono/zod-openapi';
import { multiLine, singleLine } from './common.js';

export const RoleSchema = z.enum(['member', 'facilitator', 'admin']);

export const MeSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    locale: z.string().nullable(),
    roles: z.array(RoleSchema),
    tenant: z.object({ id: z.string(), name: z.string() }),
  })
  .openapi('Me');

/** Per-locale overrides of widget texts. */
export const StringsSchema = z.partialRecord(
  z.enum(['fi', 'sv', 'en']),
  z.record(singleLine(100, 1), multiLine(2000)),
);

export const PublicConfigSchema = z
  .object({
    tenant: z.object({ id: z.string(), name: z.string() }),
    strings: StringsSchema,
    /** How the association set up its Q&A board, so widgets show only what it allows. */
    qa: z.object({ public_read: z.boolean(), downvotes: z.boolean() }),
  })
  .openapi('PublicConfig');

export const TenantAdminSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    origins: z.array(z.string()),
    strings: StringsSchema,
    settings: z.record(z.string(), z.unknown()),
    created_at: z.string(),
  })
  .openapi('TenantAdmin');

const OriginSchema = z
  .string()
  .max(200)
  .regex(/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i, 'an origin like https://yrittajat.fi, without a path');

/** Settings an admin may change; a PATCH changes the ones it names and keeps the rest. */
export const TenantSettingsPatchSchema = z.strictObject({
  qa_public_read: z
    .boolean()
    .optional()
    .openapi({ description: 'Visitors may read the association-wide Q&A board (never a group’s)' }),
  qa_downvotes: z
    .boolean()
    .optional()
    .openapi({ description: 'Members may vote posts down as well as up (default false)' }),
  qa_report_threshold: z
    .number()
    .int()
    .min(1)
    .max(100)
    .optional()
    .openapi({ description: 'Reports that hide a post until a moderator reviews it (default 3)' }),
});

export const TenantPatchSchema = z
  .strictObject({
    name: singleLine(200, 1).optional(),
    origins: z.array(OriginSchema).max(50).optional(),
    strings: StringsSchema.optional(),
    settings: TenantSettingsPatchSchema.optional(),
  })
  .openapi('TenantPatch');

/** One of the association's keys as admins see it: never its secret material. */
export const ApiKeySchema = z
  .object({
    id: z.string(),
    kind: z.enum(['publishable', 'secret']),
    scopes: z.array(z.string()),
    created_at: z.string(),
    revoked_at: z.string().nullable(),
    /** The key this very request came with. */
    in_use: z.boolean(),
  })
  .openapi('ApiKey');

export const ApiKeyListSchema = z.object({ items: z.array(ApiKeySchema) }).openapi('ApiKeyList');

export const RotateKeySchema = z
  .strictObject({
    kind: z.enum(['publishable', 'secret', 'member_secret']).openapi({
      description:
        'Which to replace: the publishable key, the secret key, or the HS256 secret members’ tokens are signed with',
    }),
  })
  .openapi('RotateKey');

export const RotatedKeySchema = z
  .object({
    kind: z.enum(['publishable', 'secret', 'member_secret']),
    /** The new key's id; null for the member token secret, which has none. */
    key_id: z.string().nullable(),
    /** The new key or secret: shown this once and never again. */
    key: z.string(),
    /** Ids of the keys of the same kind this revoked. */
    revoked: z.array(z.string()),
  })
  .openapi('RotatedKey');

export type Me = z.infer<typeof MeSchema>;
export type PublicConfig = z.infer<typeof PublicConfigSchema>;
export type TenantAdmin = z.infer<typeof TenantAdminSchema>;
export type TenantPatch = z.infer<typeof TenantPatchSchema>;
export type Role = z.infer<typeof RoleSchema>;
export type ApiKeyView = z.infer<typeof ApiKeySchema>;
export type RotateKey = z.infer<typeof RotateKeySchema>;
export type RotatedKey = z.infer<typeof RotatedKeySchema>;
export { OriginSchema };
