import type { OpenAPIHono } from '@hono/zod-openapi';
import { html, raw } from 'hono/html';

type Doc = ReturnType<OpenAPIHono['getOpenAPI31Document']>;

const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

/**
 * The human API reference at `/docs`, rendered on the server from the OpenAPI document itself, so
 * it cannot drift from the routes and needs no script or CDN.
 */
export function docsPage(doc: Doc) {
  const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const op = item[method];
      return op ? [{ path, method: method.toUpperCase(), op }] : [];
    }),
  );
  const tags = [...new Set(operations.map((o) => o.op.tags?.[0] ?? 'Other'))];
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${doc.info.title} — API reference</title>
        <style>
          body {
            font:
              16px/1.5 system-ui,
              sans-serif;
            max-width: 60rem;
            margin: 0 auto;
            padding: 1rem;
            color-scheme: light dark;
          }
          code,
          pre {
            font-family: ui-monospace, monospace;
          }
          .op {
            border: 1px solid #8884;
            border-radius: 6px;
            padding: 0.5rem 1rem;
            margin: 0.5rem 0;
          }
          .method {
            font-weight: 700;
            display: inline-block;
            min-width: 4.5rem;
          }
          .meta {
            color: GrayText;
            font-size: 0.9em;
          }
        </style>
      </head>
      <body>
        <h1>${doc.info.title} <small>${doc.info.version}</small></h1>
        <p>${doc.info.description ?? ''}</p>
        <p>Machine-readable: <a href="/v1/openapi.json">/v1/openapi.json</a> (OpenAPI 3.1).</p>
        ${tags.map(
          (tag) =>
            html`<section>
              <h2>${tag}</h2>
              ${operations
                .filter((o) => (o.op.tags?.[0] ?? 'Other') === tag)
                .map(
                  ({ path, method, op }) =>
                    html`<div class="op" id="${method}-${path}">
                      <h3><span class="method">${method}</span> <code>${path}</code></h3>
                      <p>${op.summary ?? ''}</p>
                      ${
                        op.parameters?.length
                          ? html`<p class="meta">
                              Parameters:
                              ${raw(
                                op.parameters
                                  .flatMap((p) => ('name' in p ? [p] : []))
                                  .map(
                                    (p) =>
                                      `<code>${escape(p.name)}</code> (${p.in}${p.required ? ', required' : ''})`,
                                  )
                                  .join(', '),
                              )}
                            </p>`
                          : ''
                      }
                      <p class="meta">
                        Auth:
                        ${op.security?.length ? op.security.map((s) => Object.keys(s).join(' + ') || 'none').join(' or ') : 'none'}
                        · Responses: ${Object.keys(op.responses ?? {}).join(', ')}
                      </p>
                    </div>`,
                )}
            </section>`,
        )}
      </body>
    </html>`;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
