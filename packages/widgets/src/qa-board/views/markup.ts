import { parseMarkup, type MarkupInline } from '@ekollega/sdk';
import { html } from 'lit';

/** Link targets a post may have; `parseMarkup` only gives these, and this checks once more before binding. */
const SAFE_HREF = /^(https?:|mailto:)/i;

function inline(nodes: MarkupInline[]): unknown[] {
  return nodes.map((node) =>
    node.type === 'text'
      ? node.text
      : node.type === 'break'
        ? html`<br />`
        : node.type === 'code'
          ? html`<code>${node.text}</code>`
          : node.type === 'link'
            ? SAFE_HREF.test(node.href)
              ? html`<a href=${node.href} rel="noopener noreferrer nofollow ugc">${node.text}</a>`
              : node.text
            : node.type === 'strong'
              ? html`<strong>${inline(node.children)}</strong>`
              : html`<em>${inline(node.children)}</em>`,
  );
}

/**
 * A post's source text as Lit templates. What members write only ever becomes text nodes and
 * a link's `href`: no HTML is parsed, so markup outside the board's own shows as typed.
 */
export function renderMarkup(source: string): unknown[] {
  return parseMarkup(source).map((block) => {
    if (block.type === 'paragraph') return html`<p>${inline(block.children)}</p>`;
    if (block.type === 'code') return html`<pre><code>${block.text}</code></pre>`;
    const items = block.items.map((item) => html`<li>${inline(item)}</li>`);
    return block.ordered
      ? html`<ol>
          ${items}
        </ol>`
      : html`<ul>
          ${items}
        </ul>`;
  });
}
