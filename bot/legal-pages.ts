import type { Express } from 'express';
import { escapeHtml } from '../shared/minutes/escape-html';

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

/**
 * The accessibility statement that the law on accessibility of digital public services (lag 2018:1937,
 * "DOS-lagen") asks of a public body's digital service, following DIGG's model: who is responsible, how
 * accessible it is, what is not and why, how to report a problem (a mail to the configured address,
 * RADSLAG_ACCESSIBILITY_CONTACT), and where to turn if the answer is not good enough (DIGG's supervision).
 * Swedish first, then English. Reached from the link at the foot of every tab page.
 */
export function accessibilityPage(contact: string | null): string {
  const c = contact ? escapeHtml(contact) : null;
  const subject = encodeURIComponent('Tillgänglighetsproblem i Rådslag');
  const body = encodeURIComponent('Var i Rådslag (sida, kort eller dokument):\n\nVad hände:\n\nVilket hjälpmedel och vilken webbläsare eller Teams-app du använder:\n');
  const mail = c ? `<a href="mailto:${c}?subject=${subject}&amp;body=${body}">${c}</a>` : null;
  const reportSv = mail
    ? `<p>Om du upptäcker problem som inte beskrivs på den här sidan, eller behöver innehåll i ett annat format, skicka e-post till ${mail}. Beskriv var problemet finns och vilket hjälpmedel du använder. Vi svarar inom två veckor.</p>`
    : '<p>Om du upptäcker problem som inte beskrivs på den här sidan, kontakta organisationens registrator eller den som administrerar Rådslag. <strong>Ingen e-postadress för tillgänglighetsfrågor är inställd ännu</strong> (inställningen RADSLAG_ACCESSIBILITY_CONTACT).</p>';
  const reportEn = mail
    ? `<p lang="en">If you find a problem not described here, or need content in another format, e-mail ${mail}. Say where the problem is and which assistive technology you use. We answer within two weeks.</p>`
    : '<p lang="en">If you find a problem not described here, contact the organisation’s registry or whoever administers Rådslag. <strong>No e-mail address for accessibility reports has been set yet</strong> (the setting RADSLAG_ACCESSIBILITY_CONTACT).</p>';
  return page(
    'Tillgänglighetsredogörelse – Rådslag / Accessibility statement',
    `<h1>Tillgänglighetsredogörelse för Rådslag</h1>
<p>Rådslag är samverkansrådens verktyg i Microsoft Teams för närvaro, dagordning, beslut, förhinder och protokoll.
Organisationen som använder Rådslag står bakom tjänsten och vill att så många som möjligt ska kunna använda den.
Den här redogörelsen beskriver hur Rådslag uppfyller lagen (2018:1937) om tillgänglighet till digital offentlig service,
kända tillgänglighetsproblem och hur du kan rapportera brister till oss så att vi kan åtgärda dem.</p>
<h2>Hur tillgänglig är tjänsten?</h2>
<p>Tjänsten är <strong>delvis förenlig</strong> med lagen om tillgänglighet till digital offentlig service, på grund av de brister som beskrivs nedan.</p>
<h2>Rapportera brister</h2>
${reportSv}
<h2>Innehåll som inte är tillgängligt</h2>
<ul>
<li>Arkivexemplaren av protokollen (PDF/A-2b) är inte taggade PDF-filer: struktur, rubriker och läsordning följer inte med till en skärmläsare. Samma protokoll finns som tillgänglig HTML i kanalen och som Word-fil med rubrikformat.</li>
<li>Korten i chatten (Adaptive Cards) visas av Microsoft Teams; hur de läses upp beror på Teams-appen och kan inte styras av Rådslag fullt ut.</li>
<li>Överstrykning (meddelat förhinder) i protokollen förmedlas även i text i den oformaterade versionen (”meddelat förhinder”), men inte i HTML- och Word-versionerna, där den bara syns som överstrykning.</li>
</ul>
<h2>Hur vi testat tjänsten</h2>
<p>Vi har gjort en självskattning: flikens sidor testas automatiskt med axe i ljust, mörkt och högkontrastläge och i sidopanelens bredd 320 px,
och används med tangentbord. Redogörelsen ses över när tjänsten ändras.</p>
<h2>Tillsyn</h2>
<p>Myndigheten för digital förvaltning (Digg) har ansvaret för tillsyn över lagen. Om du inte är nöjd med hur vi hanterar dina synpunkter
kan du kontakta Digg och påtala det: <a href="https://www.digg.se/tdosanmalan">digg.se/tdosanmalan</a>.</p>

<h1 lang="en" id="en">Accessibility statement for Rådslag</h1>
<p lang="en">Rådslag is the councils’ tool in Microsoft Teams for attendance, agenda, decisions, notices of absence and minutes.
This statement describes how it complies with the Swedish act on accessibility of digital public services (2018:1937),
the known accessibility problems, and how to report problems to us so that we can fix them.</p>
<h2 lang="en">Compliance status</h2>
<p lang="en">The service is <strong>partially compliant</strong> with the act, because of the problems listed below.</p>
<h2 lang="en">Report a problem</h2>
${reportEn}
<h2 lang="en">Content that is not accessible</h2>
<ul lang="en">
<li>The archive copies of the minutes (PDF/A-2b) are not tagged PDF files: structure, headings and reading order do not reach a screen reader. The same minutes are in the channel as accessible HTML and as a Word file with heading styles.</li>
<li>Cards in the chat (Adaptive Cards) are shown by Microsoft Teams; how they are read aloud depends on the Teams app.</li>
<li>Strike-through (notice of absence) in the minutes is also written out in the plain-text version ("meddelat förhinder"), but in the HTML and Word versions it shows only as strike-through.</li>
</ul>
<h2 lang="en">How we tested</h2>
<p lang="en">A self-assessment: the tab’s pages are tested automatically with axe in light, dark and high-contrast themes and at the side panel’s 320 px, and are used with the keyboard.</p>
<h2 lang="en">Enforcement</h2>
<p lang="en">The Agency for Digital Government (Digg) supervises the act. If you are not satisfied with how we handle your report, you can contact Digg:
<a href="https://www.digg.se/tdosanmalan">digg.se/tdosanmalan</a>.</p>`,
  );
}

/** The manifest's developer links point here; the tab links to the accessibility statement. */
export function mountLegalPages(app: Express, options: { accessibilityContact?: string | null } = {}): void {
  app.get('/privacy', (_req, res) => res.type('html').send(PRIVACY));
  app.get('/terms', (_req, res) => res.type('html').send(TERMS));
  const accessibility = accessibilityPage(options.accessibilityContact ?? null);
  app.get(['/accessibility', '/tillganglighet'], (_req, res) => res.type('html').send(accessibility));
}
