import { EkNetworkError, EkProblemError } from '@ekollega/sdk';
import { expect } from '@open-wc/testing';
import { failureText, isSignedOut, toFailure } from './errors.js';
import { commonTexts, Texts } from './i18n/index.js';

const problem = (status: number, code: string, retryAfter?: number) =>
  new EkProblemError(
    { type: 'about:blank', title: code, status, code },
    retryAfter === undefined ? {} : { retryAfter },
  );

describe('failures', () => {
  const texts = new Texts('en');
  before(() => commonTexts.load('en'));
  const say = (error: unknown) => failureText(toFailure(error), texts);

  it('are translated by code', () => {
    expect(say(new EkNetworkError(new TypeError('Failed to fetch')))).to.equal(
      'The service cannot be reached. Check your connection and try again.',
    );
    expect(say(problem(401, 'sign_in_required'))).to.equal('Please sign in to continue.');
    expect(say(problem(429, 'rate_limited'))).to.equal('Too many requests. Try again in a moment.');
    expect(say(problem(429, 'rate_limited', 42.5))).to.equal('Too many requests. Try again in 43 seconds.');
    expect(say(problem(404, 'not_found'))).to.equal('This content was not found.');
    expect(say(problem(403, 'forbidden'))).to.equal('You do not have access to this.');
    expect(say(problem(500, 'internal'))).to.equal('Something went wrong. Try again.');
    expect(say(new Error('anything else'))).to.equal('Something went wrong. Try again.');
  });

  it('count a refused member token as signed out, but not a refused tenant key', () => {
    expect(isSignedOut(toFailure(problem(401, 'sign_in_required')))).to.equal(true);
    expect(isSignedOut(toFailure(problem(401, 'token_expired')))).to.equal(true);
    expect(isSignedOut(toFailure(problem(401, 'key_revoked')))).to.equal(false);
    expect(isSignedOut(toFailure(new EkNetworkError('offline')))).to.equal(false);
  });
});
