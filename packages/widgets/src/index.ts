/**
 * Every eKollega widget in one module: importing it (or loading `ekollega-widgets.js`) defines
 * all `ek-` elements. The provider comes first so widgets already in the page find it when they upgrade.
 */
import './provider/define.js';
import './member-status/define.js';
import './group-finder/define.js';
import './session-calendar/define.js';
import './qa-board/define.js';

export { EkProvider } from './provider/provider.js';
export { EkMemberStatus } from './member-status/member-status.js';
export { EkGroupFinder } from './group-finder/group-finder.js';
export { EkSessionCalendar } from './session-calendar/session-calendar.js';
export { EkQaBoard } from './qa-board/qa-board.js';
export type { EkEventDetail } from './kit/events.js';
