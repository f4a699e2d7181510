import { expect } from '@open-wc/testing';
import { en } from './en.js';
import { fi } from './fi.js';
import { hasCatalogue, loadCatalogue, Texts, toLocale } from './index.js';
import { sv } from './sv.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('i18n', () => {
  it('fetches a language’s texts once, when first asked', async () => {
    // Nothing in this page has needed Swedish yet: the kit ships no language in its own code.
    expect(hasCatalogue('sv')).to.equal(false);
    expect(new Texts('sv').t('common.retry')).to.equal('common.retry');
    const loading = loadCatalogue('sv');
    expect(loadCatalogue('sv')).to.equal(loading);
    await loading;
    expect(hasCatalogue('sv')).to.equal(true);
    expect(new Texts('sv').t('common.retry')).to.equal(sv['common.retry']);
  });

  describe('with every language fetched', () => {
    before(() => Promise.all([loadCatalogue('fi'), loadCatalogue('sv'), loadCatalogue('en')]));

    it('has exactly the English keys in Finnish and Swedish, none of them empty', () => {
      for (const catalogue of [fi, sv]) {
        expect(Object.keys(catalogue).sort()).to.deep.equal(Object.keys(en).sort());
        expect(Object.values(catalogue).filter((text) => !text.trim())).to.deep.equal([]);
      }
    });

    it('uses the same placeholders in every language', () => {
      for (const [key, text] of Object.entries(en)) {
        expect(placeholders(fi[key as keyof typeof en]), `fi ${key}`).to.deep.equal(placeholders(text));
        expect(placeholders(sv[key as keyof typeof en]), `sv ${key}`).to.deep.equal(placeholders(text));
      }
    });

    it('picks plural forms with Intl.PluralRules', () => {
      expect(new Texts('en').plural('error.rate-limited-wait', 1)).to.equal(
        'Too many requests. Try again in 1 second.',
      );
      expect(new Texts('en').plural('error.rate-limited-wait', 30)).to.equal(
        'Too many requests. Try again in 30 seconds.',
      );
      expect(new Texts('sv').plural('error.rate-limited-wait', 1)).to.contain('om 1 sekund.');
      expect(new Texts('sv').plural('error.rate-limited-wait', 2)).to.contain('om 2 sekunder.');
    });

    it('formats times in the session’s zone, Helsinki unless told otherwise', () => {
      // The first Sunday of summer time in 2026: 06:00 UTC is 09:00 in Helsinki and 02:00 in New York.
      const when = '2026-03-29T06:00:00Z';
      const time = { timeStyle: 'short' } as const;
      expect(new Texts('fi').dateTime(when, undefined, time)).to.equal('9.00');
      expect(new Texts('en').dateTime(when, 'America/New_York', time)).to.equal('02:00');
      expect(new Texts('sv').dateTime(when)).to.contain('2026');
    });

    it('lets an association’s wording win, key by key', () => {
      const texts = new Texts('sv', { 'common.retry': 'Pröva på nytt' });
      expect(texts.t('common.retry')).to.equal('Pröva på nytt');
      expect(texts.t('common.sign-in')).to.equal('Logga in');
    });

    it('reads regional and unknown languages, falling back to Finnish', () => {
      expect(toLocale('sv-FI')).to.equal('sv');
      expect(toLocale('EN-gb')).to.equal('en');
      expect(toLocale('de')).to.equal('fi');
      expect(toLocale('')).to.equal('fi');
    });
  });
});
