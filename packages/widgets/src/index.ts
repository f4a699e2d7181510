/**
 * The element classes and their types, with no side effects: importing this defines no tag.
 * Define one element with its entry (`import '@ekollega/widgets/group-finder'`), or let the
 * loader (`dist/ekollega-widgets.js`) define each element when it appears on the page.
 */
export { EkProvider } from './provider/provider.js';
export { EkMemberStatus } from './member-status/member-status.js';
export { EkGroupFinder } from './group-finder/group-finder.js';
export { EkSessionCalendar } from './session-calendar/session-calendar.js';
export { EkQaBoard } from './qa-board/qa-board.js';
export { EkCommitments } from './commitments/commitments.js';
export { EkFacilitatorDesk } from './facilitator-desk/facilitator-desk.js';
export type { EkEventDetail } from './kit/events.js';
