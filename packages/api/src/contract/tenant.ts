import { z } from '@hono/zod-openapi';

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
export const StringsSchema = z.partialRecord(z.enum(['fi', 'sv', 'en']), z.record(z.string().max(100), z.string().max(2000)));

export const PublicConfigSchema = z
  .object({
    tenant: z.object({ id: z.string(), name: z.string() }),
    strings: StringsSchema,
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

export const TenantPatchSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    origins: z.array(OriginSchema).max(50).optional(),
    strings: StringsSchema.optional(),
  })
  .openapi('TenantPatch');

export type Me = z.infer<typeof MeSchema>;
export type PublicConfig = z.infer<typeof PublicConfigSchema>;
export type TenantAdmin = z.infer<typeof TenantAdminSchema>;
export type TenantPatch = z.infer<typeof TenantPatchSchema>;
export type Role = z.infer<typeof RoleSchema>;
export { OriginSchema };
