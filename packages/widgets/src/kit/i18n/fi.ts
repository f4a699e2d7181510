import type { Catalogue } from './en.js';

/** Finnish texts, the product's first language and the fallback for any language we lack. */
export const fi: Catalogue = {
  'common.loading': 'Ladataan…',
  'common.retry': 'Yritä uudelleen',
  'common.sign-in-more': 'Kirjautumalla sisään näet lisää.',
  'common.sign-in': 'Kirjaudu sisään',
  'error.network': 'Palveluun ei saada yhteyttä. Tarkista verkkoyhteys ja yritä uudelleen.',
  'error.sign-in-required': 'Kirjaudu sisään jatkaaksesi.',
  'error.rate-limited': 'Liian monta yritystä lyhyessä ajassa. Yritä hetken kuluttua uudelleen.',
  // Finnish counts take the singular partitive/genitive after any number, so both forms read alike.
  'error.rate-limited-wait.one':
    'Liian monta yritystä lyhyessä ajassa. Yritä uudelleen {count} sekunnin kuluttua.',
  'error.rate-limited-wait.other':
    'Liian monta yritystä lyhyessä ajassa. Yritä uudelleen {count} sekunnin kuluttua.',
  'error.not-found': 'Sisältöä ei löytynyt.',
  'error.forbidden': 'Sinulla ei ole oikeutta tähän.',
  'error.member-token': 'Kirjautumistasi ei voitu tarkistaa. Yritä uudelleen.',
  'error.fallback': 'Jokin meni vikaan. Yritä uudelleen.',
  // The association's name in this language: an association overrides it ("Egentliga Finlands Företagare").
  'member-status.association': '{name}',
  'member-status.signed-in': 'Kirjautunut: {name} · {association}',
};
