import { mintMemberToken } from './mint-token.mjs';

/**
 * The groups the member takes part in (as a member or a facilitator), asked from the API as that
 * member, so the members' page can put an `<ek-commitments>` on each. The site's server does what
 * a page would: a member token and the publishable key (no Origin: it is not a browser).
 *
 * @param {{ apiUrl: string, publishableKey: string, tenantId: string, memberTokenSecret: string }} association
 * @param {{ sub: string, name: string, email?: string, locale?: string, roles?: readonly string[] }} member
 * @returns {Promise<{ id: string, name: string }[]>} None when the API cannot be asked: the page shows without them.
 */
export async function memberGroups(association, member) {
  try {
    const response = await fetch(`${association.apiUrl}/v1/groups?limit=100`, {
      headers: {
        'ekollega-key': association.publishableKey,
        authorization: `Bearer ${await mintMemberToken(association, member)}`,
      },
    });
    if (!response.ok) throw new Error(`GET /v1/groups: ${response.status}`);
    /** @type {{ items: { id: string, name: string, my_membership?: { status: string } | null, facilitators: { id?: string }[] }[] }} */
    const page = await response.json();
    return page.items
      .filter(
        (group) =>
          group.my_membership?.status === 'member' ||
          group.facilitators.some((facilitator) => facilitator.id === member.sub),
      )
      .map(({ id, name }) => ({ id, name }));
  } catch (error) {
    console.error(JSON.stringify({ level: 'warn', memberGroups: String(error) }));
    return [];
  }
}
