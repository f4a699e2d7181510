// Runs in a project that installed the packed @ekollega/api and @ekollega/sdk: the association's
// server creates a group with its secret key, and a member lists the groups and joins one.
import { createClient } from '@ekollega/sdk';
import { createAdminClient } from '@ekollega/sdk/admin';
import { SignJWT } from 'jose';

const { API_URL, TENANT_ID, PUBLISHABLE_KEY, SECRET_KEY, MEMBER_TOKEN_SECRET } = process.env;

const admin = createAdminClient({ baseUrl: API_URL, secretKey: SECRET_KEY });
const created = await admin.groups.create({ name: 'Outside consumers', capacity: 10, language: 'en' });

async function getMemberToken() {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ name: 'Aino Virtanen', roles: ['member'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(TENANT_ID)
    .setAudience('ekollega')
    .setSubject('outside-member')
    .setIssuedAt(now)
    .setExpirationTime(now + 600)
    .sign(new TextEncoder().encode(MEMBER_TOKEN_SECRET));
}

const client = createClient({ baseUrl: API_URL, tenantKey: PUBLISHABLE_KEY, getMemberToken });
const { items } = await client.groups.list();
const group = items.find((candidate) => candidate.id === created.id);
if (!group) throw new Error(`the new group is not in the list: ${JSON.stringify(items)}`);
const membership = await client.groups.join(group.id, {
  accepted_rules_version: group.rules_version,
  answers: {},
});
if (membership.status !== 'member') throw new Error(`joined as ${membership.status}`);
console.log(JSON.stringify({ groups: items.length, joined: group.id, status: membership.status }));
