import { describe, expect, it } from 'vitest';
import { parseMarkup } from '../src/index.js';

const text = (t: string) => ({ type: 'text', text: t });

describe('parseMarkup', () => {
  it('reads paragraphs, line breaks, lists and code blocks', () => {
    expect(
      parseMarkup('Eka rivi\ntoka rivi\n\n- yksi\n* kaksi\n\n1. eka\n2) toka\n\n```\n<b>koodi</b>\n```'),
    ).toEqual([
      { type: 'paragraph', children: [text('Eka rivi'), { type: 'break' }, text('toka rivi')] },
      { type: 'list', ordered: false, items: [[text('yksi')], [text('kaksi')]] },
      { type: 'list', ordered: true, items: [[text('eka')], [text('toka')]] },
      { type: 'code', text: '<b>koodi</b>' },
    ]);
  });

  it('reads emphasis, inline code and links', () => {
    expect(
      parseMarkup(
        '**lihava** ja *kursiivi* ja _myös_ ja `a*b*c` [VSY](https://vsy.fi) https://yrittajat.fi.',
      ),
    ).toEqual([
      {
        type: 'paragraph',
        children: [
          { type: 'strong', children: [text('lihava')] },
          text(' ja '),
          { type: 'em', children: [text('kursiivi')] },
          text(' ja '),
          { type: 'em', children: [text('myös')] },
          text(' ja '),
          { type: 'code', text: 'a*b*c' },
          text(' '),
          { type: 'link', href: 'https://vsy.fi', text: 'VSY' },
          text(' '),
          { type: 'link', href: 'https://yrittajat.fi', text: 'https://yrittajat.fi' },
          text('.'),
        ],
      },
    ]);
  });

  it('keeps HTML and links to other schemes as the characters typed', () => {
    const [block] = parseMarkup(
      '<img src=x onerror=alert(1)> [klikkaa](javascript:alert(1)) snake_case_name',
    );
    expect(block).toEqual({
      type: 'paragraph',
      children: [text('<img src=x onerror=alert(1)> [klikkaa](javascript:alert(1)) snake_case_name')],
    });
  });
});
