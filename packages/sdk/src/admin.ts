import type { RotateKey, TenantPatch } from './types.js';
import { groupsApi } from './groups.js';
import { groupsFacilitatorApi } from './facilitator.js';
import { MemberTokens } from './token.js';
import { Transport, type RequestOptions } from './transport.js';

export interface AdminClientOptions {
  baseUrl: string;
  /** The association's secret key (`sk_…`). Never ship it to a browser. */
  secretKey: string;
  fetch?: typeof fetch;
}

/**
 * A server-side client with the association's secret key: settings, origins, texts. It refuses to
 * start in a browser, and the API refuses a secret key sent with a browser Origin anyway.
 */
export function createAdminClient(options: AdminClientOptions) {
  if (typeof (globalThis as { document?: unknown }).document !== 'undefined') {
    throw new Error(
      'createAdminClient holds a secret key and runs on servers only; use createClient with the publishable key in pages.',
    );
  }
  const transport = new Transport({
    baseUrl: options.baseUrl,
    key: options.secretKey,
    tokens: new MemberTokens(undefined),
    fetch: options.fetch,
  });
  return {
    transport,
    /** Groups as the association's server sees them: every facilitator tool, without a member token. */
    groups: { ...groupsApi(transport), ...groupsFacilitatorApi(transport) },
    tenant: {
      get: (o: RequestOptions = {}) => transport.request('GET', '/v1/tenant', o),
      update: (patch: TenantPatch, o: RequestOptions = {}) =>
        transport.request('PATCH', '/v1/tenant', { ...o, body: patch }),
      /** The association's keys: ids, kinds and dates, never the keys themselves. */
      keys: {
        list: (o: RequestOptions = {}) => transport.request('GET', '/v1/tenant/keys', o),
        /**
         * Issues a new key of a kind and revokes the others of that kind; the answer carries the
         * new key once. Rotating `secret` revokes the key this client holds: build a new client.
         */
        rotate: (kind: RotateKey['kind'], o: RequestOptions = {}) =>
          transport.request('POST', '/v1/tenant/keys/rotate', { ...o, body: { kind } }),
        /** Revokes one key (`key_in_use` when it is this client's own and the last of its kind). */
        revoke: (keyId: string, o: RequestOptions = {}) =>
          transport.request('POST', '/v1/tenant/keys/{keyId}/revoke', { ...o, params: { keyId } }),
      },
    },
  };
}

export type EkAdminClient = ReturnType<typeof createAdminClient>;
