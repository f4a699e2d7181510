import type { EkMemberClient, Group, withFacilitatorTools } from '@ekollega/sdk';
import type { EkFailure } from '../kit/errors.js';
import type { EkEventDetail } from '../kit/events.js';
import type { Texts } from '../kit/i18n/index.js';
import type { EkSettings } from '../kit/session.js';
import type { MessageKey } from './i18n/index.js';

/** The provider's member client with the facilitators' calls added. */
export type DeskClient = ReturnType<typeof withFacilitatorTools<EkMemberClient>>;

/** The desk's sections, in the order of its navigation. */
export const SECTIONS = [
  'groups',
  'requests',
  'meetings',
  'attendance',
  'topics',
  'moderation',
  'round',
] as const;
export type Section = (typeof SECTIONS)[number];

/** What a section (a view in a chunk of its own) gets from the desk. */
export interface DeskContext {
  readonly client: DeskClient;
  readonly texts: Texts<MessageKey>;
  /** The group chosen in the desk's picker, if the facilitator has one. */
  readonly group: Group | null;
  readonly groups: Group[];
  /** The desk's own settings (attributes), handed to an element a section places inside it. */
  readonly settings: EkSettings;
  /** The signed-in member: their id and whether they administer the association. */
  readonly me: { id: string; admin: boolean };
  requestUpdate(): void;
  emit<K extends keyof EkEventDetail>(type: K, detail: EkEventDetail[K]): void;
  /** Announces a failure (`ek-error`) and gives it to show. */
  report(error: unknown): EkFailure;
  /** The failure in the reader's language. */
  failureText(failure: EkFailure): string;
  /** Loads the groups again (their counts changed). */
  reloadGroups(): void;
  focusSoon(...selectors: string[]): void;
}

/** One section: it keeps its own state between renders. */
export interface DeskSection {
  render(): unknown;
}
