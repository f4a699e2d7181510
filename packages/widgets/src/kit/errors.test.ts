import { EkNetworkError, EkProblemError } from '@ekollega/sdk';
import { expect } from '@open-wc/testing';
import { failureText, isSignedOut, toFailure } from './errors.js';
import { fieldErrorText } from './field-errors.js';
import { commonTexts, problemTexts, Texts, type Locale } from './i18n/index.js';

const problem = (status: number, code: string, retryAfter?: number) =>
  new EkProblemError(
    { type: 'about:blank', title: code, status, code },
    retryAfter === undefined ? {} : { retryAfter },
  );

describe('failures', () => {
  const texts = new Texts('en');
  before(() => Promise.all([commonTexts.load('en'), problemTexts.load('en')]));
  const say = (error: unknown) => failureText(toFailure(error), texts);

  it('are translated by code', () => {
    expect(say(new EkNetworkError(new TypeError('Failed to fetch')))).to.equal(
      'The service cannot be reached. Check your connection and try again.',
    );
    expect(say(problem(401, 'sign_in_required'))).to.equal('Please sign in to continue.');
    expect(say(problem(429, 'rate_limited'))).to.equal(
      'Too many attempts in a short time. Try again in a moment.',
    );
    expect(say(problem(429, 'rate_limited', 42.5))).to.equal(
      'Too many attempts in a short time. Try again in 43 seconds.',
    );
    expect(say(problem(404, 'not_found'))).to.equal('This content was not found.');
    expect(say(problem(403, 'forbidden'))).to.equal('You do not have access to this.');
    expect(say(problem(500, 'internal'))).to.equal('The service ran into an error. Try again in a moment.');
    expect(say(problem(409, 'made_up_code'))).to.equal('Something went wrong. Try again.');
    expect(say(new Error('anything else'))).to.equal('Something went wrong. Try again.');
  });

  it('count a refused member token as signed out, but not a refused tenant key', () => {
    expect(isSignedOut(toFailure(problem(401, 'sign_in_required')))).to.equal(true);
    expect(isSignedOut(toFailure(problem(401, 'token_expired')))).to.equal(true);
    expect(isSignedOut(toFailure(problem(401, 'key_revoked')))).to.equal(false);
    expect(isSignedOut(toFailure(new EkNetworkError('offline')))).to.equal(false);
  });
});

describe('every problem code a member or a site can meet', () => {
  const locales: Locale[] = ['fi', 'sv', 'en'];
  before(() =>
    Promise.all(locales.flatMap((locale) => [commonTexts.load(locale), problemTexts.load(locale)])),
  );

  it('has a text of its own in fi, sv and en, never "something went wrong" (the OpenAPI document’s list)', async () => {
    const { apiUrl } = await (await fetch('/__test/config')).json();
    const doc = await (await fetch(`${apiUrl}/v1/openapi.json`)).json();
    const codes: Record<string, { audience: string }> =
      doc.components.schemas.Problem.properties.code['x-problem-codes'];
    const shown = Object.entries(codes).filter(([, { audience }]) => audience !== 'operator');
    expect(shown.length).to.be.greaterThan(30);
    for (const locale of locales) {
      const texts = new Texts(locale);
      const fallback = texts.t('error.fallback');
      const missing = shown
        .map(([code]) => code)
        .filter((code) => {
          const said = failureText(toFailure(problem(400, code)), texts);
          return said === fallback || said.startsWith('error.');
        });
      expect(missing, locale).to.deep.equal([]);
    }
  });

  it('has a text for every field error code in the OpenAPI document', async () => {
    const { apiUrl } = await (await fetch('/__test/config')).json();
    const doc = await (await fetch(`${apiUrl}/v1/openapi.json`)).json();
    const codes: string[] = doc.components.schemas.FieldError.properties.code.enum;
    expect(codes).to.include('too_short');
    for (const locale of locales) {
      const texts = new Texts(locale);
      const generic = texts.t('field.invalid');
      const missing = codes.filter((code) => {
        const said = fieldErrorText({ code, min: 3, max: 3 }, texts);
        return (
          said.startsWith('field.') || (said === generic && code !== 'invalid' && code !== 'unknown_field')
        );
      });
      expect(missing, locale).to.deep.equal([]);
    }
  });
});
