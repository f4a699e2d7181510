import { expect } from '@open-wc/testing';
import * as finder from '../../group-finder/i18n/index.js';
import * as board from '../../qa-board/i18n/index.js';
import * as commitments from '../../commitments/i18n/index.js';
import * as calendar from '../../session-calendar/i18n/index.js';
import { commonTexts, problemTexts, Texts, toLocale, type Locale, type TextCatalogues } from './index.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('i18n', () => {
  it('fetches a language’s texts once, when first asked', async () => {
    // Nothing in this page has needed Swedish yet: the kit ships no language in its own code.
    expect(commonTexts.has('sv')).to.equal(false);
    expect(new Texts('sv').t('common.retry')).to.equal('common.retry');
    const loading = commonTexts.load('sv');
    expect(commonTexts.load('sv')).to.equal(loading);
    await loading;
    expect(commonTexts.has('sv')).to.equal(true);
    expect(new Texts('sv').t('common.retry')).to.equal('Försök igen');
  });

  it('speaks an element’s own texts beside the common ones, once both are fetched', async () => {
    const texts = new Texts('en', {}, board.qaBoardTexts);
    await Promise.all([commonTexts.load('en'), board.qaBoardTexts.load('en')]);
    expect(texts.t('qa.ask')).to.equal('Ask a question');
    expect(texts.t('common.retry')).to.equal('Try again');
    expect(texts.plural('qa.answers', 1)).to.equal('1 answer');
  });

  it('writes dates as Finland writes them: "klo" in Finnish, a numeric date and "kl." in Swedish', () => {
    const tuesday = '2026-12-08T07:00:00Z';
    expect(new Texts('fi').when(tuesday)).to.equal('ti 8.12. klo 9.00');
    expect(new Texts('fi').when(tuesday, 'Europe/Helsinki', { weekday: false })).to.equal('8.12. klo 9.00');
    expect(new Texts('sv').when(tuesday)).to.equal('tis 8.12.2026 kl. 9.00');
    expect(new Texts('sv').when(tuesday, 'Europe/Stockholm', { weekday: false })).to.equal(
      '8.12.2026 kl. 8.00',
    );
    expect(new Texts('en').when(tuesday)).to.equal('Tue 8 Dec, 9:00');
  });

  describe('with every language fetched', () => {
    const sets: Record<string, TextCatalogues<string>> = {
      common: commonTexts,
      problems: problemTexts,
      'group-finder': finder.groupFinderTexts,
      'session-calendar': calendar.sessionCalendarTexts,
      'qa-board': board.qaBoardTexts,
      commitments: commitments.commitmentsTexts,
    };
    const locales: Locale[] = ['fi', 'sv', 'en'];
    before(() =>
      Promise.all(Object.values(sets).flatMap((set) => locales.map((locale) => set.load(locale)))),
    );

    it('has exactly the English keys in Finnish and Swedish, none of them empty', () => {
      for (const [name, set] of Object.entries(sets)) {
        const en = Object.keys(set.get('en')!).sort();
        for (const locale of ['fi', 'sv'] as const) {
          const catalogue = set.get(locale)!;
          expect(Object.keys(catalogue).sort(), `${name} ${locale}`).to.deep.equal(en);
          expect(Object.values(catalogue).filter((text) => !text.trim())).to.deep.equal([]);
        }
      }
    });

    /**
     * Date patterns, where each language picks its own parts of what the code gives (Finnish and
     * Swedish write the month as a number, English by name): their placeholders must be among these.
     */
    const PATTERNS: Record<string, string[]> = {
      'calendar.date': ['day', 'month', 'monthName', 'year', 'weekday'],
    };

    it('uses the same placeholders in every language', () => {
      for (const set of Object.values(sets))
        for (const [key, text] of Object.entries(set.get('en')!)) {
          for (const locale of ['fi', 'sv'] as const) {
            const used = placeholders(set.get(locale)![key]!);
            if (PATTERNS[key])
              expect(
                used.filter((name) => !PATTERNS[key]!.includes(name!)),
                `${locale} ${key}`,
              ).to.deep.equal([]);
            else expect(used, `${locale} ${key}`).to.deep.equal(placeholders(text));
          }
        }
    });

    it('gives each key to one set of texts only', () => {
      const keys = Object.values(sets).flatMap((set) => Object.keys(set.get('en')!));
      expect(keys.length).to.equal(new Set(keys).size);
    });

    it('picks plural forms with Intl.PluralRules', () => {
      expect(new Texts('en').plural('error.rate-limited-wait', 1)).to.equal(
        'Too many attempts in a short time. Try again in 1 second.',
      );
      expect(new Texts('en').plural('error.rate-limited-wait', 30)).to.equal(
        'Too many attempts in a short time. Try again in 30 seconds.',
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
