// Typechecked in a project that installed only @ekollega/sdk and @ekollega/widgets (no
// @ekollega/api, zod or hono): the published declarations must stand on their own.
import { createClient, EkProblemError, type Group } from '@ekollega/sdk';
import { createAdminClient } from '@ekollega/sdk/admin';
import { EkGroupFinder, EkProvider, type EkEventDetail } from '@ekollega/widgets';
import '@ekollega/widgets/provider';
import '@ekollega/widgets/group-finder';

const client = createClient({ baseUrl: 'https://api.example.fi', tenantKey: 'pk_test' });

export async function firstGroupName(): Promise<string | undefined> {
  const page = await client.groups.list({ language: 'fi', has_places: true });
  const first: Group | undefined = page.items[0];
  return first?.name;
}

export async function renameAssociation(secretKey: string): Promise<string> {
  const admin = createAdminClient({ baseUrl: 'https://api.example.fi', secretKey });
  const tenant = await admin.tenant.update({ name: 'Varsinais-Suomen Yrittäjät' });
  return tenant.name;
}

export function isProblem(error: unknown): string | null {
  return error instanceof EkProblemError ? error.code : null;
}

const finder: EkGroupFinder = document.createElement('ek-group-finder');
const provider: HTMLElementTagNameMap['ek-provider'] = document.createElement('ek-provider');
const isProvider: boolean = provider instanceof EkProvider;
finder.addEventListener('ek-join', (event) => {
  const groupId: string = event.detail.groupId;
  const status: EkEventDetail['ek-join']['status'] = event.detail.status;
  console.log(groupId, status, isProvider);
});
document.addEventListener('ek-auth-required', (event) => console.log(event.detail.reason));

// @ts-expect-error a group's id is a string, so the types really arrived (not `any`)
export const wrong: number = ({} as Group).id;
