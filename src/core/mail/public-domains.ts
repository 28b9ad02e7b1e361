// Domains where anyone can get an address: a sender at one of these says nothing about which
// client they work for, so matching by domain skips them (a contact's exact address still
// matches). Lower case; subdomains are not included (mail.example.com is not example.com).
// The big international providers, and the ones common in Denmark, Germany and the UK.
export const publicMailDomains: ReadonlySet<string> = new Set([
  'gmail.com', 'googlemail.com',
  'hotmail.com', 'hotmail.co.uk', 'hotmail.dk', 'hotmail.de', 'hotmail.fr', 'hotmail.it', 'hotmail.es', 'hotmail.se', 'hotmail.no',
  'outlook.com', 'outlook.dk', 'outlook.de', 'outlook.fr', 'live.com', 'live.dk', 'live.co.uk', 'live.de', 'live.se', 'live.no', 'msn.com', 'passport.com',
  'yahoo.com', 'yahoo.co.uk', 'yahoo.dk', 'yahoo.de', 'yahoo.fr', 'yahoo.se', 'ymail.com', 'rocketmail.com',
  'icloud.com', 'me.com', 'mac.com',
  'aol.com', 'aim.com',
  'proton.me', 'protonmail.com', 'protonmail.ch', 'pm.me',
  'gmx.com', 'gmx.net', 'gmx.de', 'gmx.at', 'gmx.ch', 'web.de', 't-online.de', 'freenet.de', 'posteo.de', 'mailbox.org',
  'mail.com', 'email.com', 'zoho.com', 'zohomail.eu', 'yandex.com', 'yandex.ru', 'mail.ru', 'tutanota.com', 'tuta.io', 'fastmail.com', 'fastmail.fm', 'hey.com',
  'btinternet.com', 'sky.com', 'virginmedia.com', 'talktalk.net', 'ntlworld.com',
  'jubii.dk', 'mail.dk', 'ofir.dk', 'get2net.dk', 'stofanet.dk', 'tdcadsl.dk', 'youmail.dk', 'privat.dk', 'mail.tele.dk', 'post.tele.dk', 'webspeed.dk', 'city.dk',
]);

/** True for a domain where anyone can have an address (gmail.com), so it identifies no client. */
export const isPublicMailDomain = (domain: string): boolean => publicMailDomains.has(domain.toLowerCase());
