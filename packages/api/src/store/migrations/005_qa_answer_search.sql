-- A board's search finds a question by its answers' words too; the answers' own GIN index serves
-- that half of the query as qa_questions_search serves the questions'.
create index qa_answers_search on qa_posts using gin (tenant_id, search)
  where question_id is not null and status = 'visible';
