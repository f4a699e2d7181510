/**
 * Every word the site shows, in Finnish, Swedish and English, and the address of every page in
 * each language. Addresses are translated too, so a link shared in Swedish opens in Swedish.
 */

/** The site's languages; the first is the default at `/`. */
export const LANGS = /** @type {const} */ (['fi', 'sv', 'en']);

/** @typedef {(typeof LANGS)[number]} Lang */
/** @typedef {'home' | 'members' | 'facilitators' | 'signIn' | 'signOut'} PageName */

/** Path of each page per language. `signOut` only takes a POST. */
export const ROUTES = {
  home: { fi: '/', sv: '/sv', en: '/en' },
  members: { fi: '/jasenille', sv: '/sv/for-medlemmar', en: '/en/members' },
  facilitators: { fi: '/fasilitaattorille', sv: '/sv/for-handledare', en: '/en/facilitators' },
  signIn: { fi: '/kirjaudu', sv: '/sv/logga-in', en: '/en/sign-in' },
  signOut: { fi: '/kirjaudu-ulos', sv: '/sv/logga-ut', en: '/en/sign-out' },
};

/**
 * Finds the page and language a path names; a trailing slash is ignored (`/sv/` is `/sv`).
 * @param {string} pathname
 * @returns {{ page: PageName, lang: Lang } | null}
 */
export function routeOf(pathname) {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  for (const [page, paths] of Object.entries(ROUTES)) {
    for (const lang of LANGS) {
      if (paths[lang] === path) return { page: /** @type {PageName} */ (page), lang };
    }
  }
  return null;
}

/**
 * The language of a path that names no page (for its 404 page): its prefix, else Finnish.
 * @param {string} pathname
 * @returns {Lang}
 */
export function langOfPath(pathname) {
  const prefix = pathname.split('/')[1];
  return LANGS.find((lang) => lang !== LANGS[0] && lang === prefix) ?? LANGS[0];
}

/** What the demo members do, per language (the member register stores it in Finnish only). */
const TRADES = {
  'demo-aino': { fi: 'graafinen suunnittelu', sv: 'grafisk design', en: 'graphic design' },
  'demo-bjorn': { fi: 'puusepäntyö', sv: 'snickeri', en: 'carpentry' },
  'demo-mikko': { fi: 'kirjanpito', sv: 'bokföring', en: 'bookkeeping' },
  'demo-helena': { fi: 'fasilitaattori', sv: 'handledare', en: 'facilitator' },
};

/**
 * A member's trade in `lang`, falling back to what the register says.
 * @param {{ sub: string, trade?: string }} member
 * @param {Lang} lang
 */
export function tradeOf(member, lang) {
  return (
    TRADES[/** @type {keyof typeof TRADES} */ (member.sub)]?.[lang] ??
    member.trade?.toLocaleLowerCase(lang) ??
    ''
  );
}

export const TEXT = {
  fi: {
    languageName: 'Suomi',
    associationName: 'Varsinais-Suomen Yrittäjät',
    skipToContent: 'Siirry pääsisältöön',
    mainNav: 'Päävalikko',
    languageNav: 'Kielivalinta',
    signOut: 'Kirjaudu ulos',
    footer: [
      'Esimerkkisivusto: eKollega-vertaisryhmät upotettuina yhdistyksen omille sivuille.',
      'Malli perustuu Humakin ja Varsinais-Suomen Yrittäjien eKollega-pilottiin (2020–21).',
    ],
    home: {
      title: 'Vertaismentorointia yrittäjille',
      nav: 'Etusivu',
      lead:
        'Yksin- ja mikroyrittäjä jää helposti yksin päätöstensä kanssa. eKollega-vertaisryhmässä tapaat muita yrittäjiä, ' +
        'jaat kokemuksia ja saat tukea arkeen.',
      modelHeading: 'Näin vertaisryhmät toimivat',
      model: [
        'Pieni ryhmä: noin 8–12 yrittäjää eri aloilta.',
        'Ryhmä kokoontuu verkossa kolmen viikon välein, joten mukaan mahtuu kiireisenkin kalenterin kanssa.',
        'Jokaisella ryhmällä on fasilitaattori, joka ohjaa keskustelua ja pitää huolen aikataulusta.',
        'Asetat itsellesi tavoitteen ja kerrot seuraavassa tapaamisessa, miten se eteni.',
      ],
      // A soft hyphen, so the long compound can break on a 320 px screen.
      talksHeading: 'Asiantuntija\u00adpuheenvuorot',
      talksIntro: 'Ryhmiin kutsutaan asiantuntijoita puhumaan aiheista, joita jäsenet ovat toivoneet:',
      talks: ['ajanhallinta', 'tavoitteiden asettaminen', 'ajan tasalla pysyminen'],
      rulesHeading: 'Yhteiset pelisäännöt',
      rules: [
        ['Luottamuksellisuus', 'mitä ryhmässä puhutaan, jää ryhmään.'],
        ['Tasavertaisuus', 'jokaisen kokemus on yhtä arvokas yrityksen koosta tai alasta riippumatta.'],
      ],
      groupsHeading: 'Löydä oma ryhmäsi',
      groupsIntro:
        'Uusia ryhmiä alkaa pitkin vuotta. Kirjaudu sisään jäsenenä, niin voit hakea mukaan ryhmään.',
    },
    members: {
      title: 'Jäsenille',
      nav: 'Jäsenille',
      welcome: (/** @type {string} */ name) => `Tervetuloa, ${name}!`,
      signedInIntro: 'Täältä löydät ryhmäsi tapaamiset ja voit kysyä muilta jäseniltä.',
      signedOutIntro: 'Kirjaudu sisään, niin näet ryhmäsi tapaamiset ja voit kysyä muilta jäseniltä.',
      goToSignIn: 'Siirry kirjautumaan',
      sessionsHeading: 'Tapaamiset',
      sessionsIntro: 'Ryhmäsi tulevat tapaamiset ja asiantuntijapuheenvuorot.',
      commitmentsHeading: 'Sitoumukset',
      commitmentsIntro:
        'Aseta tapaamisessa tavoite seuraavaan kertaan ja kerro seuraavalla kerralla, miten se onnistui.',
      commitmentsNoGroup: 'Liity ensin ryhmään, niin voit asettaa sitoumuksia.',
      questionsHeading: 'Kysy ja vastaa',
      questionsIntro:
        'Kysy muilta yrittäjiltä ja jaa omaa kokemustasi. Fasilitaattorit valvovat keskustelua.',
    },
    facilitators: {
      title: 'Fasilitaattorille',
      nav: 'Fasilitaattorille',
      intro:
        'Ryhmiesi hoito tapaamisten välillä: liittymispyynnöt, tapaamiset, läsnäolot, aiheet ja palstan moderointi.',
    },
    signIn: {
      title: 'Kirjaudu sisään',
      intro: 'Tämä on esimerkkisivusto, joten salasanoja ei tarvita: valitse demotili, jolla kirjaudut.',
      accountsHeading: 'Demotilit',
      signInAs: (/** @type {string} */ name, /** @type {string} */ trade) =>
        `Kirjaudu käyttäjänä ${name} (${trade})`,
      signedInAs: (/** @type {string} */ name) => `Olet kirjautunut sisään käyttäjänä ${name}.`,
    },
    notFound: {
      title: 'Sivua ei löytynyt',
      text: 'Tarkista osoite tai palaa etusivulle.',
      back: 'Etusivulle',
    },
    unavailable: 'Sivusto käynnistyy. Yritä hetken päästä uudelleen.',
  },
  sv: {
    languageName: 'Svenska',
    associationName: 'Egentliga Finlands Företagare',
    skipToContent: 'Hoppa till huvudinnehållet',
    mainNav: 'Huvudmeny',
    languageNav: 'Språkval',
    signOut: 'Logga ut',
    footer: [
      'Exempelwebbplats: eKollegas kamratgrupper inbäddade på föreningens egen webbplats.',
      'Modellen bygger på pilotprojektet eKollega av Humak och Egentliga Finlands Företagare (2020–21).',
    ],
    home: {
      title: 'Kamratmentorskap för företagare',
      nav: 'Startsida',
      lead:
        'Som ensam- eller mikroföretagare står du lätt ensam med dina beslut. I en eKollega-kamratgrupp träffar du andra ' +
        'företagare, delar erfarenheter och får stöd i vardagen.',
      modelHeading: 'Så fungerar kamratgrupperna',
      model: [
        'En liten grupp: cirka 8–12 företagare från olika branscher.',
        'Gruppen träffas på nätet var tredje vecka, så det går att delta även med en fullspäckad kalender.',
        'Varje grupp har en handledare som leder samtalet och håller tidtabellen.',
        'Du sätter upp ett mål för dig själv och berättar på nästa träff hur det gick.',
      ],
      talksHeading: 'Expertinlägg',
      talksIntro: 'Experter bjuds in att tala om teman som medlemmarna har önskat:',
      talks: ['tidshantering', 'att sätta upp mål', 'att hålla sig à jour'],
      rulesHeading: 'Gemensamma spelregler',
      rules: [
        ['Konfidentialitet', 'det som sägs i gruppen stannar i gruppen.'],
        ['Jämlikhet', 'allas erfarenheter är lika värdefulla, oavsett företagets storlek eller bransch.'],
      ],
      groupsHeading: 'Hitta din grupp',
      groupsIntro: 'Nya grupper startar under hela året. Logga in som medlem så kan du söka till en grupp.',
    },
    members: {
      title: 'För medlemmar',
      nav: 'För medlemmar',
      welcome: (/** @type {string} */ name) => `Välkommen, ${name}!`,
      signedInIntro: 'Här hittar du din grupps träffar och kan ställa frågor till andra medlemmar.',
      signedOutIntro: 'Logga in för att se din grupps träffar och ställa frågor till andra medlemmar.',
      goToSignIn: 'Gå till inloggningen',
      sessionsHeading: 'Träffar',
      sessionsIntro: 'Din grupps kommande träffar och expertinlägg.',
      commitmentsHeading: 'Åtaganden',
      commitmentsIntro: 'Sätt på träffen ett mål till nästa gång och berätta nästa gång hur det gick.',
      commitmentsNoGroup: 'Gå först med i en grupp, så kan du göra åtaganden.',
      questionsHeading: 'Frågor och svar',
      questionsIntro:
        'Fråga andra företagare och dela med dig av dina egna erfarenheter. Handledarna modererar diskussionen.',
    },
    facilitators: {
      title: 'För handledare',
      nav: 'För handledare',
      intro:
        'Skötseln av dina grupper mellan träffarna: ansökningar, träffar, närvaro, ämnen och moderering av forumet.',
    },
    signIn: {
      title: 'Logga in',
      intro: 'Det här är en exempelwebbplats, så inga lösenord behövs: välj ett demokonto att logga in med.',
      accountsHeading: 'Demokonton',
      signInAs: (/** @type {string} */ name, /** @type {string} */ trade) =>
        `Logga in som ${name} (${trade})`,
      signedInAs: (/** @type {string} */ name) => `Du är inloggad som ${name}.`,
    },
    notFound: {
      title: 'Sidan hittades inte',
      text: 'Kontrollera adressen eller gå tillbaka till startsidan.',
      back: 'Till startsidan',
    },
    unavailable: 'Webbplatsen startar. Försök igen om en stund.',
  },
  en: {
    languageName: 'English',
    associationName: 'Varsinais-Suomen Yrittäjät',
    skipToContent: 'Skip to main content',
    mainNav: 'Main menu',
    languageNav: 'Language',
    signOut: 'Sign out',
    footer: [
      'Example website: eKollega peer groups embedded in the association’s own website.',
      'The model is based on the eKollega pilot by Humak and Varsinais-Suomen Yrittäjät (2020–21).',
    ],
    home: {
      title: 'Peer mentoring for entrepreneurs',
      nav: 'Home',
      lead:
        'As a solo or micro entrepreneur you are easily left alone with your decisions. In an eKollega peer group you meet ' +
        'other entrepreneurs, share experiences and get support for your everyday work.',
      modelHeading: 'How the peer groups work',
      model: [
        'A small group: about 8–12 entrepreneurs from different trades.',
        'The group meets online every three weeks, so it fits even a busy calendar.',
        'Every group has a facilitator who guides the conversation and keeps time.',
        'You set yourself a goal and tell the group at the next meeting how it went.',
      ],
      talksHeading: 'Expert talks',
      talksIntro: 'Experts are invited to speak on themes the members asked for:',
      talks: ['time management', 'goal setting', 'keeping up to date'],
      rulesHeading: 'Ground rules',
      rules: [
        ['Confidentiality', 'what is said in the group stays in the group.'],
        [
          'Equality',
          'everyone’s experience is equally valuable, whatever the size or trade of their business.',
        ],
      ],
      groupsHeading: 'Find your group',
      groupsIntro: 'New groups start throughout the year. Sign in as a member to apply to a group.',
    },
    members: {
      title: 'For members',
      nav: 'For members',
      welcome: (/** @type {string} */ name) => `Welcome, ${name}!`,
      signedInIntro: 'Here you find your group’s meetings and can ask other members.',
      signedOutIntro: 'Sign in to see your group’s meetings and to ask other members.',
      goToSignIn: 'Go to sign-in',
      sessionsHeading: 'Meetings',
      sessionsIntro: 'Your group’s upcoming meetings and expert talks.',
      commitmentsHeading: 'Commitments',
      commitmentsIntro: 'Set a goal at a meeting for the next one, and tell the group there how it went.',
      commitmentsNoGroup: 'Join a group first to set commitments.',
      questionsHeading: 'Questions and answers',
      questionsIntro:
        'Ask other entrepreneurs and share your own experience. Facilitators moderate the discussion.',
    },
    facilitators: {
      title: 'For facilitators',
      nav: 'For facilitators',
      intro:
        'Running your groups between meetings: join requests, meetings, attendance, topics and moderating the board.',
    },
    signIn: {
      title: 'Sign in',
      intro: 'This is an example website, so no passwords are needed: choose a demo account to sign in with.',
      accountsHeading: 'Demo accounts',
      signInAs: (/** @type {string} */ name, /** @type {string} */ trade) => `Sign in as ${name} (${trade})`,
      signedInAs: (/** @type {string} */ name) => `You are signed in as ${name}.`,
    },
    notFound: {
      title: 'Page not found',
      text: 'Check the address or go back to the home page.',
      back: 'Home page',
    },
    unavailable: 'The site is starting. Try again in a moment.',
  },
};
