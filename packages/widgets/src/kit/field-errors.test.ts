import { EkProblemError } from '@ekollega/sdk';
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { text } from '../../test/helpers.js';
import {
  ariaInvalid,
  fieldErrorText,
  focusFirstInvalid,
  formErrors,
  renderFieldError,
} from './field-errors.js';
import { commonTexts, problemTexts, Texts, type Locale } from './i18n/index.js';
import { theme } from './theme.js';

const invalid = (errors: { field: string; code: string; min?: number; max?: number }[]) =>
  new EkProblemError({
    type: 'about:blank',
    title: 'The request body is invalid',
    status: 422,
    code: 'validation_failed',
    errors: errors.map((error) => ({
      message: 'Too small: expected string to have >=1 characters',
      ...error,
    })),
  } as never);

describe('field errors', () => {
  const locales: Locale[] = ['fi', 'sv', 'en'];
  before(() =>
    Promise.all(locales.flatMap((locale) => [commonTexts.load(locale), problemTexts.load(locale)])),
  );

  it('read in the page’s language by their code and limits, never the API’s English', () => {
    const [fi, sv, en] = locales.map((locale) => new Texts(locale));
    expect(fieldErrorText({ code: 'too_short', min: 1 }, fi!)).to.equal('Tämä kenttä on pakollinen.');
    expect(fieldErrorText({ code: 'too_short', min: 3 }, fi!)).to.equal('Kirjoita vähintään 3 merkkiä.');
    expect(fieldErrorText({ code: 'too_long', max: 200 }, sv!)).to.equal(
      'Korta av texten till högst 200 tecken.',
    );
    expect(fieldErrorText({ code: 'too_long', max: 1 }, en!)).to.equal(
      'Shorten this to at most 1 character.',
    );
    expect(fieldErrorText({ code: 'unsafe_link' }, fi!)).to.equal(
      'Linkin pitää alkaa https://, http:// tai mailto:.',
    );
    expect(fieldErrorText({ code: 'a_code_from_tomorrow' }, sv!)).to.equal('Kontrollera det här fältet.');
  });

  it('put every shown field’s error beside it at once, and the rest under the form', () => {
    const texts = new Texts('fi');
    const error = invalid([
      { field: 'title', code: 'too_short', min: 1 },
      { field: 'body', code: 'unsafe_link' },
      { field: 'group_id', code: 'not_found' },
    ]);
    expect(formErrors(error, texts, ['title', 'body'])).to.deep.equal({
      title: 'Tämä kenttä on pakollinen.',
      body: 'Linkin pitää alkaa https://, http:// tai mailto:.',
      form: 'Tätä ei enää löydy. Lataa sivu uudelleen ja yritä uudelleen.',
    });
    expect(
      formErrors([{ field: 'answers.q1', code: 'required' }], texts, (f) => f.startsWith('answers.')),
    ).to.deep.equal({
      'answers.q1': 'Tämä kenttä on pakollinen.',
    });
    expect(formErrors(new TypeError('Failed to fetch'), texts, ['title'])).to.deep.equal({
      form: 'Jokin meni vikaan. Yritä uudelleen.',
    });
  });

  it('look like errors: error colour, an icon, aria-invalid, and the focus on the first', async () => {
    class Form extends LitElement {
      static override styles = theme;
      errors = formErrors(
        invalid([
          { field: 'b', code: 'required' },
          { field: 'c', code: 'required' },
        ]),
        new Texts('en'),
        ['a', 'b', 'c'],
      );
      override render() {
        return html`${['a', 'b', 'c'].map(
          (field) =>
            html`<label for=${field}>${field}</label
              ><input
                id=${field}
                aria-invalid=${ariaInvalid(this.errors, field)}
                aria-describedby="${field}-error"
              />${renderFieldError(`${field}-error`, this.errors[field])}`,
        )}`;
      }
    }
    customElements.define('ek-test-field-errors', Form);
    const el = await fixture<Form>(
      html`<ek-test-field-errors style="color: rgb(20, 20, 20)"></ek-test-field-errors>`,
    );
    const root = el.shadowRoot!;
    expect(focusFirstInvalid(root)).to.equal(true);
    expect(root.activeElement?.id).to.equal('b');
    const line = root.querySelector('#b-error')!;
    expect(text(line)).to.equal('This field is required.');
    expect(getComputedStyle(line, '::before').content).to.equal('"!" / ""');
    expect(getComputedStyle(line).color).to.equal('rgb(179, 38, 30)');
    expect(getComputedStyle(root.querySelector('#b')!).borderTopColor).to.equal('rgb(179, 38, 30)');
    expect(root.querySelector<HTMLElement>('#a-error')!.offsetHeight).to.equal(0);
    await expect(el).to.be.accessible();
  });
});
