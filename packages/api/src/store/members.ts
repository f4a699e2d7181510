import type { Db } from './db.js';

export const ROLES = ['member', 'facilitator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** A signed-in entrepreneur as the association's own sign-in describes them. */
export interface Member {
  tenantId: string;
  id: string;
  name: string;
  email: string | null;
  locale: string | null;
  roles: Role[];
}

/** Members are provisioned from their token on first sight and kept current on later ones. */
export function memberStore(db: Db) {
  return {
    async upsert(member: Member, at: Date): Promise<void> {
      await db.query(
        `insert into members (tenant_id, id, name, email, locale, roles, first_seen_at, last_seen_at)
         values ($1, $2, $3, $4, $5, $6, $7, $7)
         on conflict (tenant_id, id) do update set
           name = excluded.name, email = excluded.email, locale = excluded.locale,
           roles = excluded.roles, last_seen_at = excluded.last_seen_at`,
        [member.tenantId, member.id, member.name, member.email, member.locale, member.roles, at],
      );
    },

    async get(tenantId: string, id: string): Promise<Member | null> {
      const rows = await db.query<{
        tenant_id: string;
        id: string;
        name: string;
        email: string | null;
        locale: string | null;
        roles: Role[];
      }>('select tenant_id, id, name, email, locale, roles from members where tenant_id = $1 and id = $2', [
        tenantId,
        id,
      ]);
      const r = rows[0];
      return r
        ? { tenantId: r.tenant_id, id: r.id, name: r.name, email: r.email, locale: r.locale, roles: r.roles }
        : null;
    },
  };
}

export type MemberStore = ReturnType<typeof memberStore>;
