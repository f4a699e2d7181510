/**
 * English texts of failures and field errors (every API problem code a member can meet, every
 * field error code), and the source of their keys. A chunk of their own per language, fetched
 * after a widget's first render or when it first fails (`problemTexts`), so no page's first paint
 * carries them.
 */
export const en = {
  'error.validation-failed': 'Check the details in the form.',
  'error.too-many-streams': 'The service is open in too many tabs. Close some of them and try again.',
  'error.not-a-member': 'Only the group’s members and facilitators see this.',
  'error.group-closed': 'This group is closed and takes no new members.',
  'error.not-pending':
    'This request is no longer waiting for a decision. Reload the page to see where it stands.',
  'error.rules-version-mismatch': 'The group’s ground rules have changed. Read them again and accept them.',
  'error.not-author': 'Only the person who wrote this can change it.',
  'error.own-post': 'You cannot vote on your own post.',
  'error.post-hidden': 'This post is hidden until a facilitator has reviewed it.',
  'error.downvotes-disabled': 'This board does not use “not helpful” votes.',
  'error.vote-limit': 'You have used all your votes. Withdraw an earlier vote to vote for this one.',
  'error.not-yours': 'Only the member who set this commitment can change it.',
  'error.already-reported': 'This commitment has been reported, so it can no longer be edited.',
  'error.report-closed': 'The meeting is over, so the report can no longer be corrected.',
  'error.session-over': 'This meeting is already over.',
  'error.session-not-started': 'This meeting has not started yet.',
  'error.session-cancelled': 'This meeting has been cancelled.',
  'error.body-too-large': 'The text is too long to send. Shorten it and try again.',
  'error.internal': 'The service ran into an error. Try again in a moment.',
  'error.site-setup': 'The service is not set up correctly on this site. Please let the association know.',
  'field.required': 'This field is required.',
  'field.too-short.one': 'Write at least {count} character.',
  'field.too-short.other': 'Write at least {count} characters.',
  'field.too-long.one': 'Shorten this to at most {count} character.',
  'field.too-long.other': 'Shorten this to at most {count} characters.',
  'field.too-small.one': 'The smallest value allowed is {count}.',
  'field.too-small.other': 'The smallest value allowed is {count}.',
  'field.too-large.one': 'The largest value allowed is {count}.',
  'field.too-large.other': 'The largest value allowed is {count}.',
  'field.too-few.one': 'Choose at least {count}.',
  'field.too-few.other': 'Choose at least {count}.',
  'field.too-many.one': 'You can add at most {count}.',
  'field.too-many.other': 'You can add at most {count}.',
  'field.invalid-choice': 'Choose one of the options.',
  'field.invalid-type': 'Check the value of this field.',
  'field.control-characters': 'The text has a line break or another character that cannot be saved here.',
  'field.unsafe-link': 'A link must start with https://, http:// or mailto:.',
  'field.invalid-date': 'Check the date and time.',
  'field.invalid-time-zone': 'Choose a time zone such as Europe/Helsinki.',
  'field.invalid-format': 'Check the format of this field.',
  'field.not-found': 'This is no longer available. Reload the page and try again.',
  'field.rules-changed': 'The ground rules have changed. Read them again and accept them.',
  'field.not-allowed': 'The association does not use this.',
  'field.unknown-field': 'Check this field.',
  'field.invalid': 'Check this field.',
};

export type ProblemKey = keyof typeof en;

/** A complete set of these texts for one language. */
export type Catalogue = Record<ProblemKey, string>;
