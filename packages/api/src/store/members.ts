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
export function memberStore(db: Db, changed: (tenantId: string) => void = () => undefined) {
  return {
    /** A new name shows in lists (facilitators, authors), so it counts as a change of the tenant's content. */
    async upsert(member: Member, at: Date): Promise<void> {
      const [row] = await db.query<{ renamed: boolean }>(
        `with before as (select name from members where tenant_id = $1 and id = $2)
         insert into members (tenant_id, id, name, email, locale, roles, first_seen_at, last_seen_at)
         values ($1, $2, $3, $4, $5, $6, $7, $7)
         on conflict (tenant_id, id) do update set
           name = excluded.name, email = excluded.email, locale = excluded.locale,
           roles = excluded.roles, last_seen_at = excluded.last_seen_at
         returning (select name from before) is distinct from $3 as renamed`,
        [member.tenantId, member.id, member.name, member.email, member.locale, member.roles, at],
      );
      if (row?.renamed) changed(member.tenantId);
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
