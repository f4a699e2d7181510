/**
 * Every element the loader can define, by tag: each import becomes that element's own chunk in the
 * build, so the loader fetches only the elements a page shows. A new element is one more line here
 * (its folder's class, not its `define.ts`: the loader defines the tag itself, see `loader/autoload.ts`).
 */
export const elements = {
  'ek-provider': () => import('./provider/provider.js').then((module) => module.EkProvider),
  'ek-member-status': () =>
    import('./member-status/member-status.js').then((module) => module.EkMemberStatus),
  'ek-group-finder': () => import('./group-finder/group-finder.js').then((module) => module.EkGroupFinder),
  'ek-session-calendar': () =>
    import('./session-calendar/session-calendar.js').then((module) => module.EkSessionCalendar),
  'ek-qa-board': () => import('./qa-board/qa-board.js').then((module) => module.EkQaBoard),
  'ek-commitments': () => import('./commitments/commitments.js').then((module) => module.EkCommitments),
  'ek-facilitator-desk': () =>
    import('./facilitator-desk/facilitator-desk.js').then((module) => module.EkFacilitatorDesk),
} satisfies Record<`ek-${string}`, () => Promise<CustomElementConstructor>>;
