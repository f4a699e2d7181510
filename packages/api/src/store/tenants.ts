import { createHash, randomBytes } from 'node:crypto';
import type { JWK } from 'jose';
import type { Db, Sql } from './db.js';
import { newId } from './ids.js';

/** One association. */
export interface Tenant {
  id: string;
  name: string;
  origins: string[];
  memberTokenSecret: string;
  memberPublicJwk: JWK | null;
  /** Per-tenant overrides of widget texts: `{ fi: { key: text } }`. */
  strings: Partial<Record<'fi' | 'sv' | 'en', Record<string, string>>>;
  settings: Record<string, unknown>;
  createdAt: Date;
}

export interface ApiKey {
  id: string;
  tenantId: string;
  kind: 'publishable' | 'secret';
  scopes: string[];
  createdAt: Date;
  revokedAt: Date | null;
}

interface TenantRow {
  id: string;
  name: string;
  origins: string[];
  member_token_secret: string;
  member_public_jwk: JWK | null;
  strings: Tenant['strings'];
  settings: Tenant['settings'];
  created_at: Date;
}

interface KeyRow {
  id: string;
  tenant_id: string;
  kind: ApiKey['kind'];
  scopes: string[];
  created_at: Date;
  revoked_at: Date | null;
}

const toTenant = (r: TenantRow): Tenant => ({
  id: r.id,
  name: r.name,
  origins: r.origins,
  memberTokenSecret: r.member_token_secret,
  memberPublicJwk: r.member_public_jwk,
  strings: r.strings ?? {},
  settings: r.settings ?? {},
  createdAt: new Date(r.created_at),
});

const toKey = (r: KeyRow): ApiKey => ({
  id: r.id,
  tenantId: r.tenant_id,
  kind: r.kind,
  scopes: r.scopes,
  createdAt: new Date(r.created_at),
  revokedAt: r.revoked_at ? new Date(r.revoked_at) : null,
});

/** SHA-256 of a secret key; only the hash is stored. */
export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** Read scopes a publishable key carries by default: it alone never allows a write. */
export const DEFAULT_PUBLISHABLE_SCOPES = ['read'];

/** Tenants, their origins and their keys. */
export function tenantStore(db: Db, changed: () => void = () => undefined) {
  const columns = 'id, name, origins, member_token_secret, member_public_jwk, strings, settings, created_at';
  return {
    async create(input: { name: string; origins: string[]; id?: string }, sql: Sql = db): Promise<Tenant> {
      const rows = await sql.query<TenantRow>(
        `insert into tenants (id, name, origins, member_token_secret) values ($1, $2, $3, $4) returning ${columns}`,
        [input.id ?? newId('ten'), input.name, input.origins, randomBytes(32).toString('base64url')],
      );
      changed();
      return toTenant(rows[0]!);
    },

    async get(id: string): Promise<Tenant | null> {
      const rows = await db.query<TenantRow>(`select ${columns} from tenants where id = $1`, [id]);
      return rows[0] ? toTenant(rows[0]) : null;
    },

    async list(): Promise<Tenant[]> {
      return (await db.query<TenantRow>(`select ${columns} from tenants order by created_at, id`)).map(
        toTenant,
      );
    },

    /**
     * Changes what `patch` names. `settings` replaces them all; `settingsPatch` is merged into the
     * stored ones by the database, so two admins changing different settings at once both keep theirs.
     */
    async update(
      id: string,
      patch: Partial<Pick<Tenant, 'name' | 'origins' | 'strings' | 'settings' | 'memberPublicJwk'>> & {
        settingsPatch?: Record<string, unknown>;
      },
    ): Promise<Tenant | null> {
      const rows = await db.query<TenantRow>(
        `update tenants set
           name = coalesce($2, name),
           origins = coalesce($3, origins),
           strings = coalesce($4, strings),
           settings = coalesce($5, settings) || coalesce($8::jsonb, '{}'::jsonb),
           member_public_jwk = case when $6::boolean then $7::jsonb else member_public_jwk end
         where id = $1 returning ${columns}`,
        [
          id,
          patch.name ?? null,
          patch.origins ?? null,
          patch.strings ? JSON.stringify(patch.strings) : null,
          patch.settings ? JSON.stringify(patch.settings) : null,
          'memberPublicJwk' in patch,
          patch.memberPublicJwk ? JSON.stringify(patch.memberPublicJwk) : null,
          patch.settingsPatch ? JSON.stringify(patch.settingsPatch) : null,
        ],
      );
      changed();
      return rows[0] ? toTenant(rows[0]) : null;
    },

    /** Replaces the HS256 secret that members' tokens are signed with. */
    async rotateMemberTokenSecret(id: string): Promise<string | null> {
      const secret = randomBytes(32).toString('base64url');
      const rows = await db.query('update tenants set member_token_secret = $2 where id = $1 returning id', [
        id,
        secret,
      ]);
      changed();
      return rows.length ? secret : null;
    },

    /** Whether any tenant lists this origin (answers CORS preflights, which carry no key). */
    async isKnownOrigin(origin: string): Promise<boolean> {
      const rows = await db.query('select 1 from tenants where origins @> array[$1]::text[] limit 1', [
        origin,
      ]);
      return rows.length > 0;
    },

    async addKey(
      input: { tenantId: string; kind: ApiKey['kind']; scopes: string[]; secretHash?: string },
      sql: Sql = db,
    ): Promise<ApiKey> {
      const rows = await sql.query<KeyRow>(
        `insert into api_keys (id, tenant_id, kind, secret_hash, scopes) values ($1, $2, $3, $4, $5)
         returning id, tenant_id, kind, scopes, created_at, revoked_at`,
        [newId('key'), input.tenantId, input.kind, input.secretHash ?? null, input.scopes],
      );
      return toKey(rows[0]!);
    },

    async getKey(id: string): Promise<ApiKey | null> {
      const rows = await db.query<KeyRow>(
        'select id, tenant_id, kind, scopes, created_at, revoked_at from api_keys where id = $1',
        [id],
      );
      return rows[0] ? toKey(rows[0]) : null;
    },

    async findSecretKey(secret: string): Promise<ApiKey | null> {
      const rows = await db.query<KeyRow>(
        `select id, tenant_id, kind, scopes, created_at, revoked_at from api_keys
         where secret_hash = $1 and kind = 'secret'`,
        [hashSecret(secret)],
      );
      return rows[0] ? toKey(rows[0]) : null;
    },

    async listKeys(tenantId: string): Promise<ApiKey[]> {
      const rows = await db.query<KeyRow>(
        // Keys made together (a tenant's first pair, a rotation of both) share their creation
        // time: the publishable one is listed first, the same on every call.
        `select id, tenant_id, kind, scopes, created_at, revoked_at from api_keys
         where tenant_id = $1 order by created_at, kind, id`,
        [tenantId],
      );
      return rows.map(toKey);
    },

    /** Revokes one key; `false` when there is no such live key. */
    async revokeKey(id: string, at: Date): Promise<boolean> {
      const rows = await db.query(
        'update api_keys set revoked_at = $2 where id = $1 and revoked_at is null returning id',
        [id, at],
      );
      changed();
      return rows.length > 0;
    },

    /**
     * Revokes one of the tenant's keys for a caller who came with the key `inUse`, refusing when
     * that is the very key and the tenant's last live one of its kind (nothing would be left to
     * call with but the CLI). The tenant's keys of that kind are locked, so two admins revoking
     * each other's last keys at once cannot both succeed.
     */
    async revokeForCaller(
      tenantId: string,
      keyId: string,
      inUse: string,
      at: Date,
    ): Promise<{ outcome: 'revoked' | 'already_revoked' | 'last_in_use'; key: ApiKey } | null> {
      const result = await db.transaction(async (tx) => {
        const target = (
          await tx.query<KeyRow>(
            'select id, tenant_id, kind, scopes, created_at, revoked_at from api_keys where tenant_id = $1 and id = $2',
            [tenantId, keyId],
          )
        )[0];
        if (!target) return null;
        const live = await tx.query<{ id: string }>(
          'select id from api_keys where tenant_id = $1 and kind = $2 and revoked_at is null order by id for update',
          [tenantId, target.kind],
        );
        if (!live.some((k) => k.id === keyId))
          return { outcome: 'already_revoked' as const, key: toKey(target) };
        if (keyId === inUse && live.length === 1)
          return { outcome: 'last_in_use' as const, key: toKey(target) };
        const rows = await tx.query<KeyRow>(
          `update api_keys set revoked_at = $3 where tenant_id = $1 and id = $2
           returning id, tenant_id, kind, scopes, created_at, revoked_at`,
          [tenantId, keyId, at],
        );
        return { outcome: 'revoked' as const, key: toKey(rows[0]!) };
      });
      changed();
      return result;
    },

    /** Revokes every live key of a kind but `keep` (key rotation). */
    async revokeOthers(tenantId: string, kind: ApiKey['kind'], keep: string, at: Date): Promise<string[]> {
      const rows = await db.query<{ id: string }>(
        `update api_keys set revoked_at = $4
         where tenant_id = $1 and kind = $2 and id <> $3 and revoked_at is null returning id`,
        [tenantId, kind, keep, at],
      );
      changed();
      return rows.map((r) => r.id);
    },
  };
}

export type TenantStore = ReturnType<typeof tenantStore>;
