import type { Session } from '@ekollega/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import type { Texts } from '../../kit/i18n/index.js';
import { addMonths, DAY, dateOf, groupBy, monday } from '../dates.js';
import type { MessageKey } from '../i18n/index.js';
import { capitalise } from '../when.js';

/**
 * The calendar's month grid (`view="month"`), a chunk of its own: the agenda is the default view,
 * so a page loads the grid only when a reader (or the page's `view`) asks for it.
 */

const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6];

/** What the month grid needs from the calendar. */
export interface MonthGrid {
  /** The selected day, `YYYY-MM-DD`. */
  date: string;
  /** The month's sessions, none while they load. */
  sessions: Session[];
  texts: Texts<MessageKey>;
  /** Selects a day and keeps the keyboard focus on it. */
  select: (date: string) => void;
  /** Moves the focus to the selected day's first session (Enter or Space on the grid). */
  focusSession: () => void;
  /** The selected day's sessions: their list, none, the loading placeholder or the error. */
  renderDay: (sessions: Session[] | undefined) => unknown;
}

/**
 * The weeks of the month grid of `month` (`YYYY-MM`), each as its seven `YYYY-MM-DD` dates: the
 * week of the month's first day, then every week whose Monday is in the month.
 */
function weeksOf(month: string): string[][] {
  const weeks: string[][] = [];
  let start = monday(Date.parse(month));
  do {
    const first = start;
    weeks.push(WEEKDAYS.map((offset) => dateOf(first + offset * DAY)));
    start += 7 * DAY;
  } while (dateOf(start).startsWith(month));
  return weeks;
}

/** Arrow keys move a day or a week, Home and End to the week's ends, Page Up and Down a month. */
function onGridKey(grid: MonthGrid, event: KeyboardEvent): void {
  const day = Date.parse(grid.date);
  const toMonday = (monday(day) - day) / DAY;
  const days: Record<string, number> = {
    ArrowLeft: -1,
    ArrowRight: 1,
    ArrowUp: -7,
    ArrowDown: 7,
    Home: toMonday,
    End: toMonday + 6,
  };
  const months: Record<string, number> = { PageUp: -1, PageDown: 1 };
  const { key } = event;
  if (key === 'Enter' || key === ' ') grid.focusSession();
  else if (key in days) grid.select(dateOf(day + days[key]! * DAY));
  else if (key in months) grid.select(addMonths(grid.date, months[key]!));
  else return;
  event.preventDefault();
}

/** A day of the month grid; its sessions' titles are read out with it. */
function renderDay(grid: MonthGrid, date: string, sessions: Session[] | undefined) {
  const selected = date === grid.date;
  return html`<td
    part="day${sessions ? ' has-sessions' : ''}"
    tabindex=${selected ? 0 : -1}
    aria-selected=${selected}
    @click=${() => grid.select(date)}
  >
    ${Number(date.slice(8))}${
      sessions
        ? html`<span class="visually-hidden">: ${sessions.map((session) => session.title).join(', ')}</span>`
        : nothing
    }
  </td>`;
}

/** The month of the selected day as a grid (days with sessions marked), and that day's sessions below. */
export function renderMonth(grid: MonthGrid): TemplateResult {
  const { texts } = grid;
  const t = (key: 'previous' | 'next') => texts.t(`calendar.${key}`);
  const byDay = groupBy(grid.sessions, (session) => session.local_start.slice(0, 10));
  const month = grid.date.slice(0, 7);
  const weeks = weeksOf(month);
  const rows = weeks.map(
    (week) =>
      html`<tr>
        ${week.map((date) => (date.startsWith(month) ? renderDay(grid, date, byDay.get(date)) : html`<td></td>`))}
      </tr>`,
  );
  return html`<div class="bar">
      <button
        part="previous"
        class="secondary"
        type="button"
        aria-label=${t('previous')}
        @click=${() => grid.select(addMonths(grid.date, -1))}
      >
        ‹
      </button>
      <h3 id="month">
        ${capitalise(texts.dateTime(month, 'UTC', { month: 'long', year: 'numeric' }), texts.locale)}
      </h3>
      <button
        part="next"
        class="secondary"
        type="button"
        aria-label=${t('next')}
        @click=${() => grid.select(addMonths(grid.date, 1))}
      >
        ›
      </button>
    </div>
    <table
      part="grid"
      role="grid"
      aria-labelledby="month"
      @keydown=${(event: KeyboardEvent) => onGridKey(grid, event)}
    >
      <thead>
        <tr>
          ${weeks[0]!.map((date) => html`<th scope="col">${texts.dateTime(date, 'UTC', { weekday: 'short' })}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
    <h3>
      ${capitalise(
        texts.dateTime(Date.parse(grid.date), 'UTC', { weekday: 'long', day: 'numeric', month: 'long' }),
        texts.locale,
      )}
    </h3>
    ${grid.renderDay(byDay.get(grid.date))}`;
}
