/**
 * Ground rules a group has when neither it nor its association wrote its own: the eKollega
 * pilot's confidentiality, equality and shared expertise.
 */
export const DEFAULT_RULES = {
  fi: [
    'Luottamuksellisuus: ryhmässä kerrottu jää ryhmään. Emme kerro toisten asioita eteenpäin.',
    'Tasavertaisuus: jokaisen kokemus on yhtä arvokas, ja jokainen saa puheenvuoron.',
    'Jaettu asiantuntijuus: autamme toisiamme omalla osaamisellamme ja kokemuksellamme.',
    'Sitoutuminen: osallistumme tapaamisiin ja raportoimme tavoitteistamme seuraavalla kerralla.',
  ].join('\n'),
  sv: [
    'Konfidentialitet: det som sägs i gruppen stannar i gruppen. Vi för inte andras angelägenheter vidare.',
    'Jämlikhet: allas erfarenheter är lika värdefulla, och alla får komma till tals.',
    'Delad expertis: vi hjälper varandra med vårt eget kunnande och våra erfarenheter.',
    'Engagemang: vi deltar i träffarna och berättar om våra mål nästa gång.',
  ].join('\n'),
  en: [
    'Confidentiality: what is said in the group stays in the group. We do not pass on each other’s affairs.',
    'Equality: everyone’s experience is equally valuable, and everyone gets the floor.',
    'Shared expertise: we help each other with our own know-how and experience.',
    'Commitment: we take part in the meetings and report on our goals the next time.',
  ].join('\n'),
} as const;
