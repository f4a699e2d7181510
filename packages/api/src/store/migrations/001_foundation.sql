-- Platform signing keys: the platform signs publishable tenant keys with these (EdDSA).
create table platform_keys (
  kid text primary key,
  private_jwk jsonb not null,
  public_jwk jsonb not null,
  created_at timestamptz not null default now()
);

-- One tenant is one association.
create table tenants (
  id text primary key,
  name text not null,
  origins text[] not null default '{}',
  member_token_secret text not null,
  member_public_jwk jsonb,
  strings jsonb not null default '{}',
  settings jsonb not null default '{}',
  created_at timestamptz not null default now()
);
create index tenants_origins on tenants using gin (origins);

-- Publishable keys are platform-signed JWTs (kid = id); secret keys are stored as a SHA-256 hash.
create table api_keys (
  id text primary key,
  tenant_id text not null references tenants (id),
  kind text not null check (kind in ('publishable', 'secret')),
  secret_hash text unique,
  scopes text[] not null default '{}',
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);
create index api_keys_tenant on api_keys (tenant_id, kind, created_at);

-- Members are provisioned from their token the first time they are seen.
create table members (
  tenant_id text not null references tenants (id),
  id text not null,
  name text not null,
  email text,
  locale text,
  roles text[] not null default '{member}',
  first_seen_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  primary key (tenant_id, id)
);
