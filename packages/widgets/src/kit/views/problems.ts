/**
 * The texts of failures and field errors, by language: a chunk of its own, imported after a
 * widget's first render or when it first fails (`problemTexts`), so a page's first paint does not
 * carry some fifty texts it shows only when something goes wrong. Each language is a chunk too.
 */
export const importers = {
  fi: () => import('../../problems/i18n/fi.js').then((module) => module.fi),
  sv: () => import('../../problems/i18n/sv.js').then((module) => module.sv),
  en: () => import('../../problems/i18n/en.js').then((module) => module.en),
};
