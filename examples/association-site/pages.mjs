/**
 * The site's pages. Each page is a function of the language and the signed-in member; the shared
 * layout puts `<ek-member-status>` in the header inside `<ek-provider>`, which carries the API
 * address, the publishable key and the language to every eKollega widget on the page.
 */
import { html } from './html.mjs';
import { LANGS, ROUTES, TEXT, routeOf, tradeOf } from './i18n.mjs';

/** @typedef {import('./i18n.mjs').Lang} Lang */
/** @typedef {import('./i18n.mjs').PageName} PageName */
/** @typedef {{ sub: string, name: string, trade?: string, roles?: readonly string[] }} Member */

/**
 * What every page is rendered from.
 * @typedef {object} PageContext
 * @property {Lang} lang
 * @property {Member | null} member The member signed in to this site, if any.
 * @property {{ apiUrl: string, publishableKey: string }} ekollega Where the widgets find the API.
 * @property {string} path The page's own path, where sign-in returns to.
 */

/** Same-origin endpoint the widgets fetch member tokens from (see mint-token.mjs). */
export const TOKEN_PATH = '/api/ekollega-token';

/**
 * The sign-in page in `lang`, returning to `next` afterwards.
 * @param {Lang} lang
 * @param {string} [next]
 */
function signInHref(lang, next) {
  return next ? `${ROUTES.signIn[lang]}?${new URLSearchParams({ next })}` : ROUTES.signIn[lang];
}

/**
 * `path` in another language, when it names a page.
 * @param {string} path
 * @param {Lang} lang
 */
function translatePath(path, lang) {
  const route = routeOf(path);
  return route ? ROUTES[route.page][lang] : null;
}

/**
 * @param {object} options
 * @param {PageContext} options.context
 * @param {string} options.title Page heading, also the start of `<title>`.
 * @param {PageName | null} options.current The menu entry to mark as the current page.
 * @param {(lang: Lang) => string} options.hrefIn This page in another language.
 * @param {unknown} options.main Content of `<main>`.
 */
function layout({ context, title, current, hrefIn, main }) {
  const { lang, member, ekollega } = context;
  const t = TEXT[lang];
  // The facilitators' page is in the menu of those it is for; its address works for anyone.
  const staff = member?.roles?.some((role) => role === 'facilitator' || role === 'admin');
  /** @type {readonly ('home' | 'members' | 'facilitators')[]} */
  const menu = staff ? ['home', 'members', 'facilitators'] : ['home', 'members'];
  // Signing in from the sign-in page itself must not return to it.
  const returnTo = current === 'signIn' ? undefined : context.path;
  return html`<!doctype html>
    <html lang="${lang}" data-sign-in-url="${signInHref(lang, returnTo)}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} – ${t.associationName}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/assets/site.css" />
        ${LANGS.filter((other) => other !== lang).map((other) => html`<link rel="alternate" hreflang="${other}" href="${hrefIn(other)}" /> `)}
        <script type="module" src="/widgets/ekollega-widgets.js"></script>
        <script type="module" src="/assets/site.js"></script>
      </head>
      <body>
        <a class="skip-link" href="#main">${t.skipToContent}</a>
        <ek-provider
          api-url="${ekollega.apiUrl}"
          tenant-key="${ekollega.publishableKey}"
          token-url="${TOKEN_PATH}"
          lang="${lang}"
        >
          <header class="site-header">
            <a class="brand" href="${ROUTES.home[lang]}">${t.associationName}</a>
            <nav class="menu" aria-label="${t.mainNav}">
              <ul>
                ${menu.map((page) => html`<li><a href="${ROUTES[page][lang]}" ${page === current ? html` aria-current="page"` : ''}>${t[page].nav}</a></li>`)}
              </ul>
            </nav>
            <div class="account">
              <ek-member-status></ek-member-status>
              ${
                member
                  ? html`<form method="post" action="${ROUTES.signOut[lang]}">
                      <button type="submit" class="button button--quiet">${t.signOut}</button>
                    </form>`
                  : ''
              }
            </div>
            <nav class="languages" aria-label="${t.languageNav}">
              <ul>
                ${LANGS.map(
                  (other) =>
                    html`<li>
                      <a
                        href="${hrefIn(other)}"
                        hreflang="${other}"
                        lang="${other}"
                        ${other === lang ? html` aria-current="true"` : ''}
                        >${TEXT[other].languageName}</a
                      >
                    </li>`,
                )}
              </ul>
            </nav>
          </header>
          <main id="main" tabindex="-1">${main}</main>
          <footer class="site-footer">${t.footer.map((line) => html`<p>${line}</p>`)}</footer>
        </ek-provider>
      </body>
    </html> `;
}

/**
 * The front page: what the eKollega peer groups are. Its last section, "find your group", holds
 * the group finder; it takes its settings and language from the layout's `<ek-provider>`, and a
 * visitor's "sign in to join" reaches this site's sign-in page through `ek-auth-required`.
 * @param {PageContext} context
 */
export function homePage(context) {
  const t = TEXT[context.lang].home;
  return layout({
    context,
    title: t.title,
    current: 'home',
    hrefIn: (lang) => ROUTES.home[lang],
    main: html`<h1>${t.title}</h1>
      <p class="lead">${t.lead}</p>
      <section aria-labelledby="model-heading">
        <h2 id="model-heading">${t.modelHeading}</h2>
        <ul>
          ${t.model.map((line) => html`<li>${line}</li>`)}
        </ul>
      </section>
      <section aria-labelledby="talks-heading">
        <h2 id="talks-heading">${t.talksHeading}</h2>
        <p>${t.talksIntro}</p>
        <ul>
          ${t.talks.map((theme) => html`<li>${theme}</li>`)}
        </ul>
      </section>
      <section aria-labelledby="rules-heading">
        <h2 id="rules-heading">${t.rulesHeading}</h2>
        <ul>
          ${t.rules.map(([rule, meaning]) => html`<li><strong>${rule}:</strong> ${meaning}</li>`)}
        </ul>
      </section>
      <section aria-labelledby="groups-heading">
        <h2 id="groups-heading">${t.groupsHeading}</h2>
        <p>${t.groupsIntro}</p>
        <ek-group-finder></ek-group-finder>
      </section>`,
  });
}

/**
 * The members' page: the meetings section is where the session calendar widget belongs, the
 * commitments section has one `<ek-commitments>` per group the member takes part in, and the
 * questions section is where the Q&A board belongs.
 * @param {PageContext} context
 * @param {{ groups?: { id: string, name: string }[] }} [options] The member's groups.
 */
export function membersPage(context, { groups = [] } = {}) {
  const t = TEXT[context.lang].members;
  const { member } = context;
  return layout({
    context,
    title: t.title,
    current: 'members',
    hrefIn: (lang) => ROUTES.members[lang],
    main: html`<h1>${t.title}</h1>
      ${
        member
          ? html`<p class="lead">${t.welcome(member.name)} ${t.signedInIntro}</p>`
          : html`<p class="lead">${t.signedOutIntro}</p>
              <p><a class="button" href="${signInHref(context.lang, context.path)}">${t.goToSignIn}</a></p>`
      }
      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">${t.sessionsHeading}</h2>
        <p>${t.sessionsIntro}</p>
        <ek-session-calendar commitments-url="${ROUTES.members[context.lang]}"></ek-session-calendar>
      </section>
      ${
        member
          ? html`<section aria-labelledby="commitments-heading">
              <h2 id="commitments-heading">${t.commitmentsHeading}</h2>
              <p>${t.commitmentsIntro}</p>
              ${
                groups.length
                  ? groups.map(
                      (group) =>
                        html`<h3>${group.name}</h3>
                          <ek-commitments group="${group.id}"></ek-commitments>`,
                    )
                  : html`<p><a href="${ROUTES.home[context.lang]}">${t.commitmentsNoGroup}</a></p>`
              }
            </section>`
          : ''
      }
      <section aria-labelledby="questions-heading">
        <h2 id="questions-heading">${t.questionsHeading}</h2>
        <p>${t.questionsIntro}</p>
        <ek-qa-board></ek-qa-board>
      </section>`,
  });
}

/**
 * The facilitators' page: the desk, for members whose token carries `facilitator` (their own
 * groups) or `admin` (every group). Anyone else reads the desk's line saying it is for
 * facilitators, and the desk asks the API nothing; the API checks every action again anyway.
 * @param {PageContext} context
 */
export function facilitatorsPage(context) {
  const t = TEXT[context.lang].facilitators;
  return layout({
    context,
    title: t.title,
    current: 'facilitators',
    hrefIn: (lang) => ROUTES.facilitators[lang],
    main: html`<h1>${t.title}</h1>
      <p class="lead">${t.intro}</p>
      <ek-facilitator-desk></ek-facilitator-desk>`,
  });
}

/**
 * The sign-in page: one button per account of the association's member register.
 * @param {PageContext} context
 * @param {{ members: readonly Member[], next: string | null }} options `next` is where to return.
 */
export function signInPage(context, { members, next }) {
  const t = TEXT[context.lang].signIn;
  // Return to the page in the language the member is reading now.
  const returnTo = next && translatePath(next, context.lang);
  return layout({
    context,
    title: t.title,
    current: 'signIn',
    hrefIn: (lang) => signInHref(lang, (next && translatePath(next, lang)) ?? undefined),
    main: html`<h1>${t.title}</h1>
      ${context.member ? html`<p class="notice">${t.signedInAs(context.member.name)}</p>` : ''}
      <p class="lead">${t.intro}</p>
      <section aria-labelledby="accounts-heading">
        <h2 id="accounts-heading">${t.accountsHeading}</h2>
        <form method="post" action="${ROUTES.signIn[context.lang]}">
          ${returnTo ? html`<input type="hidden" name="next" value="${returnTo}" />` : ''}
          <ul class="accounts">
            ${members.map(
              (member) =>
                html`<li>
                  <button type="submit" class="button" name="member" value="${member.sub}">
                    ${t.signInAs(member.name, tradeOf(member, context.lang))}
                  </button>
                </li>`,
            )}
          </ul>
        </form>
      </section>`,
  });
}

/**
 * The page for an address that names no page.
 * @param {PageContext} context
 */
export function notFoundPage(context) {
  const t = TEXT[context.lang].notFound;
  return layout({
    context,
    title: t.title,
    current: null,
    hrefIn: (lang) => ROUTES.home[lang],
    main: html`<h1>${t.title}</h1>
      <p>${t.text}</p>
      <p><a href="${ROUTES.home[context.lang]}">${t.back}</a></p>`,
  });
}
