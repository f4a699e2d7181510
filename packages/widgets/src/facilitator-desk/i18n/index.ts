import { TextCatalogues } from '../../kit/i18n/index.js';
import type { MessageKey } from './en.js';

export type { MessageKey } from './en.js';

/** The facilitator desk's own texts, a chunk per language fetched with the element. */
export const facilitatorDeskTexts = new TextCatalogues<MessageKey>({
  fi: () => import('./fi.js').then((module) => module.fi),
  sv: () => import('./sv.js').then((module) => module.sv),
  en: () => import('./en.js').then((module) => module.en),
});
