/** Inline content of a post: what a renderer turns into text nodes and a few safe elements. */
export type MarkupInline =
  | { type: 'text'; text: string }
  | { type: 'strong' | 'em'; children: MarkupInline[] }
  | { type: 'code'; text: string }
  /** `href` is always http:, https: or mailto:. */
  | { type: 'link'; href: string; text: string }
  | { type: 'break' };

/** A block of a post. */
export type MarkupBlock =
  | { type: 'paragraph'; children: MarkupInline[] }
  | { type: 'list'; ordered: boolean; items: MarkupInline[][] }
  | { type: 'code'; text: string };

const FENCE = /^\s*```/;
const BULLET = /^\s*[-*]\s+(.*)$/;
const NUMBERED = /^\s*\d{1,9}[.)]\s+(.*)$/;
// One alternative per inline form, earliest match first: code, link, bold, italic (* or _), bare URL.
const INLINE =
  /`([^`\n]+)`|\[([^\]\n]+)\]\(\s*((?:https?:\/\/|mailto:)[^\s)]+)\s*\)|\*\*(.+?)\*\*|\*([^*\s](?:[^*\n]*[^*\s])?)\*|(?<![\p{L}\p{N}_])_([^_\s](?:[^_\n]*[^_\s])?)_(?![\p{L}\p{N}_])|(https?:\/\/[^\s<>()]*[^\s<>().,;:!?'"])/gu;

/**
 * Parses a post's source text (the Q&A board's markup, see `QA_MARKUP` in the API contract) into
 * blocks of plain data. Nothing here is HTML: a renderer makes text nodes of every `text`, and the
 * only attribute it sets is a link's `href`, which is always http:, https: or mailto:. Anything
 * outside the markup, HTML tags included, stays the characters that were typed.
 *
 * @example
 * parseMarkup('Hei **kaikki**\n\n- yksi\n- kaksi');
 * // [{ type: 'paragraph', children: [{ type: 'text', text: 'Hei ' }, { type: 'strong', children: [{ type: 'text', text: 'kaikki' }] }] },
 * //  { type: 'list', ordered: false, items: [[{ type: 'text', text: 'yksi' }], [{ type: 'text', text: 'kaksi' }]] }]
 */
export function parseMarkup(source: string): MarkupBlock[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: MarkupBlock[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length)
      blocks.push({
        type: 'paragraph',
        children: paragraph.flatMap((line, i) => [
          ...(i ? [{ type: 'break' } as const] : []),
          ...parseInline(line),
        ]),
      });
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (FENCE.test(line)) {
      flush();
      const code: string[] = [];
      while (++i < lines.length && !FENCE.test(lines[i]!)) code.push(lines[i]!);
      blocks.push({ type: 'code', text: code.join('\n') });
      continue;
    }
    const item = BULLET.exec(line) ?? NUMBERED.exec(line);
    if (item) {
      flush();
      const ordered = !BULLET.test(line);
      const last = blocks.at(-1);
      const children = parseInline(item[1]!);
      if (last?.type === 'list' && last.ordered === ordered && lines[i - 1]?.trim())
        last.items.push(children);
      else blocks.push({ type: 'list', ordered, items: [children] });
      continue;
    }
    if (!line.trim()) flush();
    else paragraph.push(line);
  }
  flush();
  return blocks;
}

function parseInline(text: string): MarkupInline[] {
  const out: MarkupInline[] = [];
  const push = (node: MarkupInline) => {
    const last = out.at(-1);
    if (node.type === 'text' && last?.type === 'text') last.text += node.text;
    else out.push(node);
  };
  let at = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > at) push({ type: 'text', text: text.slice(at, m.index) });
    const [, code, linkText, href, strong, star, underscore, url] = m;
    if (code !== undefined) push({ type: 'code', text: code });
    else if (href !== undefined) push({ type: 'link', href, text: linkText! });
    else if (strong !== undefined) push({ type: 'strong', children: parseInline(strong) });
    else if (star !== undefined || underscore !== undefined)
      push({ type: 'em', children: parseInline((star ?? underscore)!) });
    else push({ type: 'link', href: url!, text: url! });
    at = m.index + m[0].length;
  }
  if (at < text.length) push({ type: 'text', text: text.slice(at) });
  return out;
}
