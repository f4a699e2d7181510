/**
 * The demo association's website: static pages that embed the eKollega widgets, the association's
 * own member sign-in, and the endpoint that mints member tokens for the widgets. Plain node:http,
 * so an integrator can read all of it in one sitting.
 *
 * Run on its own (after `pnpm ekollega seed demo` and `pnpm ekollega serve`):
 *   EKOLLEGA_API_URL=http://127.0.0.1:8787 EKOLLEGA_TENANT_ID=… EKOLLEGA_PUBLISHABLE_KEY=pk_… \
 *   EKOLLEGA_MEMBER_TOKEN_SECRET=… SITE_PORT=5173 pnpm start
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ROUTES, TEXT, langOfPath, routeOf } from './i18n.mjs';
import { memberGroups } from './member-groups.mjs';
import { mintMemberToken } from './mint-token.mjs';
import { TOKEN_PATH, facilitatorsPage, homePage, membersPage, notFoundPage, signInPage } from './pages.mjs';
import { createSessions } from './sessions.mjs';

/** @typedef {import('./pages.mjs').Member & { email?: string, locale?: string, roles?: readonly string[] }} Member */

/**
 * How the site reaches eKollega: the API, the publishable key that goes into pages, and the
 * tenant id and member token secret that stay on this server.
 * @typedef {object} Association
 * @property {string} apiUrl
 * @property {string} publishableKey
 * @property {string} tenantId
 * @property {string} memberTokenSecret
 */

const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));
const DEFAULT_WIDGETS_DIR = fileURLToPath(new URL('../../packages/widgets/dist/', import.meta.url));
const CONTENT_TYPES = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};
const MAX_FORM_BYTES = 4096;
/** Pages a sign-in may return to. */
const RETURN_PAGES = new Set(['home', 'members', 'facilitators']);
/** @type {Record<import('./i18n.mjs').PageName, string[]>} */
const ALLOWED_METHODS = {
  home: ['GET', 'HEAD'],
  members: ['GET', 'HEAD'],
  facilitators: ['GET', 'HEAD'],
  signIn: ['GET', 'HEAD', 'POST'],
  signOut: ['POST'],
};

/**
 * Starts the site. The association's keys may come later through `configure()`, because the
 * API only answers origins it knows, and the site's origin is known only once it listens (port 0).
 *
 * @example
 * const site = await createSite({ port: 0 });
 * const seed = await seedDemo(store, { origins: [site.url] });
 * site.configure({ apiUrl, publishableKey: seed.publishable_key, tenantId: seed.tenant_id, memberTokenSecret: seed.member_token_secret });
 *
 * @param {Partial<Association> & {
 *   members?: readonly Member[],
 *   widgetsDir?: string,
 *   port?: number,
 *   hostname?: string,
 * }} options `members` is the association's member register, who may sign in (default: the
 *   demo accounts of the API's demo seed). `widgetsDir` holds the built `ekollega-widgets.js`
 *   (default `packages/widgets/dist`). `port` 0 picks a free one; `hostname` is 127.0.0.1.
 * @returns {Promise<{ url: string, port: number, configure(association: Association): void, close(): Promise<void> }>}
 */
export async function createSite(options) {
  const { widgetsDir = DEFAULT_WIDGETS_DIR, port = 5173, hostname = '127.0.0.1' } = options;
  // The demo accounts are defined once, next to the API's demo seed; a real site has its own register.
  const members = options.members ?? (await import('../../packages/api/src/seed/demo.ts')).DEMO_MEMBERS;
  /** @type {Association | null} */
  let association = null;
  const configure = (/** @type {Association} */ next) => {
    for (const field of /** @type {const} */ ([
      'apiUrl',
      'publishableKey',
      'tenantId',
      'memberTokenSecret',
    ])) {
      if (!next[field]) throw new TypeError(`createSite: ${field} is required`);
    }
    association = {
      apiUrl: next.apiUrl.replace(/\/+$/, ''),
      publishableKey: next.publishableKey,
      tenantId: next.tenantId,
      memberTokenSecret: next.memberTokenSecret,
    };
  };
  if (options.apiUrl || options.publishableKey || options.tenantId || options.memberTokenSecret)
    configure(/** @type {Association} */ (options));

  /** @type {ReturnType<typeof createSessions<Member>>} */
  const sessions = createSessions();
  const handle = requestHandler({ members, widgetsDir, sessions, association: () => association });
  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      console.error(error);
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Internal error');
      else res.destroy();
    });
  });
  await new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, hostname, () => {
      server.off('error', fail);
      done(undefined);
    });
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  const host = hostname === '0.0.0.0' || hostname === '::' ? 'localhost' : hostname;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    configure,
    close: () =>
      new Promise((done) => {
        server.close(() => done(undefined));
        // Browsers keep idle connections open; without this, close() would wait for them.
        server.closeAllConnections();
      }),
  };
}

/**
 * @param {{
 *   members: readonly Member[],
 *   widgetsDir: string,
 *   sessions: ReturnType<typeof createSessions<Member>>,
 *   association: () => Association | null,
 * }} site
 */
function requestHandler({ members, widgetsDir, sessions, association }) {
  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  return async (req, res) => {
    const { pathname, searchParams } = new URL(req.url ?? '/', 'http://site.invalid');
    if (pathname.startsWith('/widgets/'))
      return serveWidgetFile(req, res, widgetsDir, pathname.slice('/widgets/'.length));
    if (pathname.startsWith('/assets/'))
      return serveFile(req, res, PUBLIC_DIR, pathname.slice('/assets/'.length));

    const ekollega = association();
    if (!ekollega)
      return send(res, 503, 'text/plain; charset=utf-8', TEXT[langOfPath(pathname)].unavailable, {
        'retry-after': '1',
      });
    const member = sessions.memberOf(req.headers.cookie);

    if (pathname === TOKEN_PATH) {
      if (req.method !== 'GET')
        return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed', { allow: 'GET' });
      // A token is a credential: no cache, shared or private, may keep it.
      const headers = { 'cache-control': 'no-store' };
      if (!member)
        return sendJson(
          res,
          401,
          { title: 'Nobody is signed in', status: 401 },
          headers,
          'application/problem+json',
        );
      return sendJson(res, 200, { token: await mintMemberToken(ekollega, member) }, headers);
    }

    const route = routeOf(pathname);
    const lang = route?.lang ?? langOfPath(pathname);
    const context = { lang, member, ekollega, path: route ? ROUTES[route.page][lang] : ROUTES.home[lang] };
    if (!route) return sendPage(res, 404, notFoundPage(context), ekollega);
    if (!ALLOWED_METHODS[route.page].includes(req.method ?? '')) {
      return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed', {
        allow: ALLOWED_METHODS[route.page].join(', '),
      });
    }
    if (req.method === 'POST' && !sameOrigin(req))
      return send(res, 403, 'text/plain; charset=utf-8', 'Cross-site form refused');

    switch (route.page) {
      case 'home':
        return sendPage(res, 200, homePage(context), ekollega);
      case 'members': {
        const groups = member ? await memberGroups(ekollega, member) : [];
        return sendPage(res, 200, membersPage(context, { groups }), ekollega);
      }
      case 'facilitators':
        return sendPage(res, 200, facilitatorsPage(context), ekollega);
      case 'signOut':
        return redirect(res, ROUTES.home[lang], sessions.end(req.headers.cookie));
      case 'signIn': {
        if (req.method !== 'POST')
          return sendPage(
            res,
            200,
            signInPage(context, { members, next: returnPath(searchParams.get('next')) }),
            ekollega,
          );
        const form = await readForm(req);
        const chosen = members.find((candidate) => candidate.sub === form.get('member'));
        const next = returnPath(form.get('next'));
        if (!chosen) return sendPage(res, 400, signInPage(context, { members, next }), ekollega);
        // A fresh session id on every sign-in, so an id planted before sign-in is worthless.
        sessions.end(req.headers.cookie);
        return redirect(res, next ?? ROUTES.members[lang], sessions.start(chosen));
      }
    }
  };
}

/**
 * `next` when it names a page a sign-in may return to, else null; anything else is ignored so a
 * crafted link cannot send the member off-site.
 * @param {string | null} next
 */
function returnPath(next) {
  const route = next ? routeOf(next) : null;
  return route && RETURN_PAGES.has(route.page) ? ROUTES[route.page][route.lang] : null;
}

/**
 * SameSite=Lax already keeps the cookie off cross-site POSTs; checking Origin as well refuses a
 * forged sign-in (login CSRF), which the cookie attribute does not cover.
 * @param {import('node:http').IncomingMessage} req
 */
function sameOrigin(req) {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** @param {import('node:http').IncomingMessage} req */
async function readForm(req) {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > MAX_FORM_BYTES) break;
  }
  return new URLSearchParams(body.slice(0, MAX_FORM_BYTES));
}

/**
 * The file a GET or HEAD asks for inside `dir`, with its content type; or, having answered 405, 400
 * or 404 itself (another method, an undecodable path, a path outside `dir`, a type not served), null.
 *
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string} dir
 * @param {string} relative
 * @returns {{ file: string, type: string } | null}
 */
function servable(req, res, dir, relative) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed', { allow: 'GET, HEAD' });
    return null;
  }
  let file;
  try {
    file = resolve(dir, decodeURIComponent(relative));
  } catch {
    send(res, 400, 'text/plain; charset=utf-8', 'Bad path');
    return null;
  }
  const type = CONTENT_TYPES[/** @type {keyof typeof CONTENT_TYPES} */ (extname(file))];
  if (!file.startsWith(resolve(dir) + sep) || !type) {
    send(res, 404, 'text/plain; charset=utf-8', 'Not found');
    return null;
  }
  return { file, type };
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string} dir
 * @param {string} relative
 */
async function serveFile(req, res, dir, relative) {
  const target = servable(req, res, dir, relative);
  if (!target) return;
  const { file, type } = target;
  let body;
  try {
    body = await readFile(file);
  } catch {
    return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
  }
  // Revalidated on every load, so a rebuilt widget bundle shows up without a hard refresh.
  return send(res, 200, type, body, { 'cache-control': 'no-cache', 'content-length': String(body.length) });
}

/** A chunk named after its content (`chunks/group-finder-Cv3v0F5_.js`): a new build gives a new name. */
const HASHED_CHUNK = /^chunks\/[\w-]+-[\w-]{8}\.js$/;

/**
 * The widget files as a CDN serves them. Chunks are named after their content, so a browser may
 * keep them for a year without asking again; the loader keeps its name across releases, so it
 * is cached for five minutes and then revalidated by its ETag (a release reaches every page
 * within five minutes). Each file goes out compressed as the browser asks (brotli, else gzip),
 * from the `.br` / `.gz` files the widget build writes beside it.
 *
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string} dir
 * @param {string} relative
 */
async function serveWidgetFile(req, res, dir, relative) {
  const target = servable(req, res, dir, relative);
  if (!target) return;
  const { file, type } = target;
  const accepted = acceptedEncodings(req.headers['accept-encoding']);
  for (const [encoding, suffix] of /** @type {const} */ ([
    ['br', '.br'],
    ['gzip', '.gz'],
    [null, ''],
  ])) {
    if (encoding && !accepted.has(encoding)) continue;
    let body;
    try {
      body = await readFile(file + suffix);
    } catch {
      continue;
    }
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
    const headers = {
      'cache-control': HASHED_CHUNK.test(relative)
        ? 'public, max-age=31536000, immutable'
        : 'public, max-age=300',
      etag,
      vary: 'Accept-Encoding',
      ...(encoding ? { 'content-encoding': encoding } : {}),
    };
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers);
      return res.end();
    }
    return send(res, 200, type, body, { ...headers, 'content-length': String(body.length) });
  }
  return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
}

/**
 * The content codings an `Accept-Encoding` header allows (`q=0` refuses one).
 * @param {string | undefined} header
 */
function acceptedEncodings(header) {
  const accepted = new Set();
  for (const item of (header ?? '').split(',')) {
    const [coding = '', ...params] = item.trim().toLowerCase().split(';');
    const refused = params.some((param) => /^\s*q=0(\.0*)?\s*$/.test(param));
    if (coding && !refused) accepted.add(coding);
  }
  return accepted;
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} page
 * @param {Association} ekollega
 */
function sendPage(res, status, page, ekollega) {
  const api = new URL(ekollega.apiUrl).origin;
  return send(res, status, 'text/html; charset=utf-8', String(page), {
    // Pages show who is signed in, so no cache may keep them.
    'cache-control': 'no-store',
    // The widgets talk only to the eKollega API; nothing else may run or be fetched.
    'content-security-policy': [
      "default-src 'self'",
      `connect-src 'self' ${api}`,
      `img-src 'self' data: ${api}`,
      // Lit may fall back to <style> elements in shadow roots.
      "style-src 'self' 'unsafe-inline'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; '),
  });
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 * @param {Record<string, string>} [headers]
 * @param {string} [type]
 */
function sendJson(res, status, body, headers = {}, type = 'application/json') {
  return send(res, status, `${type}; charset=utf-8`, JSON.stringify(body), headers);
}

/**
 * 303, so the browser follows a POST with a GET and a reload does not resend the form.
 * @param {import('node:http').ServerResponse} res
 * @param {string} location
 * @param {string} cookie
 */
function redirect(res, location, cookie) {
  res.writeHead(303, { location, 'set-cookie': cookie, 'cache-control': 'no-store' });
  res.end();
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string} type
 * @param {string | Buffer} body
 * @param {Record<string, string>} [headers]
 */
function send(res, status, type, body, headers = {}) {
  res.writeHead(status, {
    'content-type': type,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
    ...headers,
  });
  res.end(body);
}

/** Runs the site from environment variables; see the top of this file. */
async function main() {
  const env = {
    apiUrl: process.env.EKOLLEGA_API_URL,
    publishableKey: process.env.EKOLLEGA_PUBLISHABLE_KEY,
    tenantId: process.env.EKOLLEGA_TENANT_ID,
    memberTokenSecret: process.env.EKOLLEGA_MEMBER_TOKEN_SECRET,
  };
  const missing = Object.entries({
    EKOLLEGA_API_URL: env.apiUrl,
    EKOLLEGA_PUBLISHABLE_KEY: env.publishableKey,
    EKOLLEGA_TENANT_ID: env.tenantId,
    EKOLLEGA_MEMBER_TOKEN_SECRET: env.memberTokenSecret,
  }).filter(([, value]) => !value);
  if (missing.length) {
    console.error(
      `Set ${missing.map(([name]) => name).join(', ')}. \`pnpm ekollega seed demo\` prints the keys; or run \`pnpm start\` at the repository root for the whole demo.`,
    );
    process.exit(2);
  }
  const site = await createSite({
    .../** @type {Association} */ (env),
    widgetsDir: process.env.EKOLLEGA_WIDGETS_DIR
      ? resolve(process.env.EKOLLEGA_WIDGETS_DIR)
      : DEFAULT_WIDGETS_DIR,
    port: Number(process.env.SITE_PORT ?? 5173),
  });
  console.log(`Association site: ${site.url} (API ${env.apiUrl})`);
  const stop = () => site.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
