import type { EkProblemError, FieldError } from '@ekollega/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { failureText, toFailure } from './errors.js';
import type { MessageKey, PluralKey, Texts } from './i18n/index.js';

/**
 * One field's error as the API gives it (`{ field: 'title', code: 'too_short', min: 1 }`), or as a
 * widget finds it before sending (the same codes, so the reader sees the same words).
 */
export type FieldErrorLike = Pick<FieldError, 'field'> & {
  /** A code of the API's `FieldError`; one the widget does not know reads as `invalid`. */
  code: string;
  min?: number;
  max?: number;
};

/** A form's errors in the reader's language: by field path, and `form` for what names no field shown. */
export type FormErrors = Partial<Record<string, string>>;

/**
 * The text a member reads for one field error, chosen by its code (never the API's English
 * `message`), with the limit it names: "Kirjoita vähintään 3 merkkiä." An empty required text
 * (`too_short` with `min` 1) reads as `required`.
 */
export function fieldErrorText(error: Omit<FieldErrorLike, 'field'>, texts: Texts<string>): string {
  // The too_… codes name their limit: a lower one (`min`) for too_short, too_small and too_few.
  const limit = /^too_(short|small|few)$/.test(error.code)
    ? 'min'
    : /^too_/.test(error.code)
      ? 'max'
      : undefined;
  const count = limit ? error[limit] : undefined;
  if (error.code === 'too_short' && (count ?? 1) <= 1) return texts.t('field.required');
  const key = `field.${error.code.replaceAll('_', '-')}` as MessageKey;
  if (limit && count !== undefined) return texts.plural(key as PluralKey<MessageKey>, count);
  const text = texts.t(key);
  return text === key ? texts.t('field.invalid') : text;
}

/**
 * What a form shows after a failed send: each error of a field the form `shows` beside that field
 * (all of them at once), and under `form` everything else — the other fields' errors, or, when
 * the request failed otherwise, the failure's text (`failureText`). Give it the error the SDK
 * threw, or the field errors a widget found itself before sending.
 *
 * @example
 * this._errors = formErrors(error, this.texts, ['title', 'body']);
 * // { title: 'Tämä kenttä on pakollinen.', form: undefined }
 */
export function formErrors(
  error: unknown,
  texts: Texts<string>,
  shows: readonly string[] | ((field: string) => boolean),
): FormErrors {
  const shown = typeof shows === 'function' ? shows : (field: string) => shows.includes(field);
  const fieldErrors: FieldErrorLike[] | undefined = Array.isArray(error)
    ? error
    : (error as Partial<EkProblemError> | null)?.errors;
  if (!fieldErrors?.length) return { form: failureText(toFailure(error), texts) };
  const errors: FormErrors = {};
  const rest = new Set<string>();
  for (const fieldError of fieldErrors) {
    const text = fieldErrorText(fieldError, texts);
    if (shown(fieldError.field)) errors[fieldError.field] ??= text;
    else rest.add(text);
  }
  if (rest.size) errors.form = [...rest].join(' ');
  return errors;
}

/** `aria-invalid` for a field: whether `errors` holds one for it. */
export const ariaInvalid = (errors: FormErrors, field: string): 'true' | 'false' =>
  errors[field] ? 'true' : 'false';

/**
 * A field's error line, to sit under the field and be named by its `aria-describedby` (`id`):
 * empty (but present, so screen readers hear it when it fills) without an error, and with the
 * text in the error colour after an error mark (`.field-error` in the kit's theme).
 */
export const renderFieldError = (id: string, text: string | undefined): TemplateResult =>
  html`<p id=${id} class=${text ? 'field-error' : 'field-error empty'} part="field-error" role="alert">
    ${text ?? nothing}
  </p>`;

/**
 * Moves the focus to the first control marked `aria-invalid="true"` in `root` (call it after the
 * errors rendered: `await this.updateComplete`). Says whether there was one.
 */
export function focusFirstInvalid(root: ParentNode): boolean {
  const first = root.querySelector<HTMLElement>('[aria-invalid="true"]');
  first?.focus();
  return Boolean(first);
}
