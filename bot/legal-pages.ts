import type { Express } from 'express';

const page = (title: string, body: string) =>
  `<!doctype html><html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5}</style></head><body>${body}</body></html>`;

const PRIVACY = page(
  'Rådslag – integritet / privacy',
  `<h1>Integritet</h1>
<p>Rådslag behandlar uppgifter om ledamöter, ersättare och tjänstepersoner i regionens samverkansråd: namn, organisation,
uppdrag, e-post och Entra-id, närvaro och förhinder per möte, samt det som skrivs i protokoll och minnesanteckningar.
Uppgifterna lagras i organisationens egen databas och lämnar den bara när sekreteraren publicerar protokoll till rådets
Teams-kanal. Justerade protokoll är allmänna handlingar och bevaras; övriga personuppgifter kan lämnas ut och raderas på begäran.</p>
<h1 lang="en">Privacy</h1>
<p lang="en">Rådslag processes data about the members, substitutes and officials of the region's councils: name, organisation,
role, e-mail and Entra id, attendance and notices of absence per meeting, and what is written in the minutes. The data is
stored in the organisation's own database and leaves it only when the secretary publishes minutes to the council's Teams
channel. Signed minutes are public records and are kept; other personal data can be exported and erased on request.</p>`,
);

const TERMS = page(
  'Rådslag – villkor / terms',
  `<h1>Användarvillkor</h1><p>Rådslag används av regionens samverkansråd för närvaro, dagordning, beslut och protokoll.
Sekreteraren ansvarar för att protokollet stämmer innan det justeras.</p>
<h1 lang="en">Terms of use</h1><p lang="en">Rådslag is used by the region's councils for attendance, agenda, decisions and minutes.
The secretary is responsible for the minutes being correct before they are signed.</p>`,
);

/** The manifest's developer links point here. */
export function mountLegalPages(app: Express): void {
  app.get('/privacy', (_req, res) => res.type('html').send(PRIVACY));
  app.get('/terms', (_req, res) => res.type('html').send(TERMS));
}
