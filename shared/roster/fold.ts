/**
 * Text folding shared by organisation recognition and people matching. Seeds spell the same name with
 * and without diacritics (Mehtalainen/Mehtäläinen, Helen/Helén), with and without hyphens
 * (Jonsson-Arndt/Jonsson Arndt), so comparisons fold those away; `exactKey` keeps them for the cases
 * where we must know whether two spellings are literally the same.
 */

/** Lower case, diacritics removed (å→a, ä→a, ö→o, é→e, ü→u), hyphens and dots as spaces, one space. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[-‐‑–—_./']/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Lower case and single spaces, diacritics and hyphens kept: "same spelling" comparison. */
export function exactKey(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}
