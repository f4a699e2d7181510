import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import type { Db } from './db.js';
import { newId } from './ids.js';

/** The platform's signing key for publishable tenant keys. Every API process shares it. */
export interface PlatformKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

/** Loads the newest platform key, creating one on a new database. */
export async function loadPlatformKey(db: Db): Promise<PlatformKey> {
  const existing = await newest(db);
  if (existing) return existing;
  const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  await db.query(
    'insert into platform_keys (kid, private_jwk, public_jwk) select $1, $2, $3 where not exists (select 1 from platform_keys)',
    [
      newId('pkey'),
      JSON.stringify(await exportJWK(pair.privateKey)),
      JSON.stringify(await exportJWK(pair.publicKey)),
    ],
  );
  return (await newest(db))!;
}

async function newest(db: Db): Promise<PlatformKey | null> {
  const rows = await db.query<{ kid: string; private_jwk: JWK; public_jwk: JWK }>(
    'select kid, private_jwk, public_jwk from platform_keys order by created_at desc, kid limit 1',
  );
  const row = rows[0];
  if (!row) return null;
  return {
    kid: row.kid,
    privateKey: (await importJWK(row.private_jwk, 'EdDSA')) as CryptoKey,
    publicKey: (await importJWK(row.public_jwk, 'EdDSA')) as CryptoKey,
  };
}
