/**
 * English texts of the Q&A board (`<ek-qa-board>`), and the source of its message keys: `fi.ts` and
 * `sv.ts` are typed against this object. A chunk of its own per language, fetched with the
 * element, so a page without the element never downloads them; keys and placeholders as in
 * `src/kit/i18n/en.ts`.
 */
export const en = {
  'qa.search': 'Search',
  'qa.sort': 'Sort',
  'qa.newest': 'Newest',
  'qa.votes': 'Most votes',
  'qa.unanswered': 'Unanswered',
  'qa.ask': 'Ask a question',
  'qa.tags': 'Tags, separated by commas',
  'qa.clear': 'Clear filters',
  'qa.empty': 'No questions found. Try other words, or ask your own question.',
  'qa.more': 'Show more',
  'qa.moreAnswers': 'Show more answers',
  'qa.new.one': '{count} new post – show',
  'qa.new.other': '{count} new posts – show',
  'qa.anonymous': 'Anonymous member',
  'qa.score.one': '{count} vote',
  'qa.score.other': '{count} votes',
  'qa.answers.one': '{count} answer',
  'qa.answers.other': '{count} answers',
  'qa.back': 'All questions',
  'qa.up': 'Helpful',
  'qa.down': 'Not helpful',
  'qa.accepted': 'Accepted answer',
  'qa.report': 'Report',
  'qa.reason': 'Reason',
  'qa.cancel': 'Cancel',
  'qa.reported': 'Reported. Thank you!',
  'qa.title': 'Title',
  'qa.body': 'Your question',
  'qa.answer': 'Your answer',
  'qa.hint': 'Markup: **bold**, *italic*, [link](https://…)',
  'qa.anonymous-post': 'Post anonymously',
  'qa.preview': 'Preview',
  'qa.post': 'Send',
  'qa.reply': 'Answer',
  'qa.empty-board': 'No questions yet. Ask the first one: others in the programme can answer.',
  'qa.no-answers': 'No answers yet. Know something that helps? Write it below.',
  'qa.accept': 'Mark as accepted',
  'qa.unaccept': 'Remove the accepted mark',
  'qa.edit': 'Edit',
  'qa.save': 'Save',
  'qa.delete': 'Delete',
  'qa.confirm-question': 'Delete the question and its answers for good?',
  'qa.confirm-answer': 'Delete your answer for good?',
  'qa.edited': 'edited',
  'qa.history': 'Earlier versions',
  'qa.version': 'Version {version}, {time}',
  'qa.at': '{date}, {time}',
};

export type MessageKey = keyof typeof en;

/** A complete set of these texts for one language. */
export type Catalogue = Record<MessageKey, string>;
