import type { Catalogue } from './en.js';

/** Swedish texts (Finland's second official language). */
export const sv: Catalogue = {
  'common.loading': 'Laddar…',
  'common.retry': 'Försök igen',
  'common.sign-in-more': 'Logga in för att se mer.',
  'common.sign-in': 'Logga in',
  'error.network': 'Tjänsten kan inte nås. Kontrollera anslutningen och försök igen.',
  'error.sign-in-required': 'Logga in för att fortsätta.',
  'error.rate-limited': 'För många försök på kort tid. Försök igen om en stund.',
  'error.rate-limited-wait.one': 'För många försök på kort tid. Försök igen om {count} sekund.',
  'error.rate-limited-wait.other': 'För många försök på kort tid. Försök igen om {count} sekunder.',
  'error.not-found': 'Innehållet hittades inte.',
  'error.forbidden': 'Du har inte behörighet till det här.',
  'error.member-token': 'Din inloggning kunde inte kontrolleras. Försök igen.',
  'error.fallback': 'Något gick fel. Försök igen.',
  // The association's name in this language: an association overrides it ("Egentliga Finlands Företagare").
  'member-status.association': '{name}',
  'member-status.signed-in': 'Inloggad: {name} · {association}',
};
