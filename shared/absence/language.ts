import { fold } from './normalize';

/**
 * Swedish or English, per message, for the reply. Members write a few words ("sorry can't make it friday",
 * "kan ej 16/5"), which general language detectors (trigram models such as franc) misjudge below about
 * 20 characters and which they would read as any of 400 languages; here the choice is between two, and the
 * words that decide are the ones this bot reads anyway. So: count marker words of each language; letters
 * å/ä/ö count for Swedish; a tie (or nothing at all) keeps the client's locale.
 */
// "i" (Swedish "in", English "I"), "for" (folded "för") and "sorry" (said in both) decide nothing.
const SV = new Set(
  [
    'jag', 'inte', 'ej', 'int', 'kan', 'kommer', 'har', 'och', 'pa', 'till', 'mote', 'motet', 'moten', 'motena', 'forhinder',
    'tyvarr', 'nasta', 'idag', 'imorgon', 'morgon', 'fredag', 'mandag', 'tisdag', 'onsdag', 'torsdag', 'lordag', 'sondag',
    'sjuk', 'ar', 'e', 'vab', 'vabbar', 'ledig', 'bortrest', 'semester', 'ansluter', 'maste', 'ga', 'gar', 'bara', 'punkt',
    'den', 'det', 'en', 'ett', 'med', 'om', 'kl', 'klockan', 'hej', 'tack', 'nej', 'ja', 'anda', 'men', 'vi',
    'mig', 'min', 'mitt', 'deltar', 'delta', 'komma', 'ersattare', 'funkar', 'krockar', 'hinner', 'vecka', 'veckan',
  ],
);
const EN = new Set([
  "i'm", 'im', "i'll", "i've", 'cannot', "can't", 'cant', 'can', 'will', "won't", 'wont', 'not', 'attend', 'meeting', 'meetings',
  'the', 'on', 'to', 'be', 'there', 'make', 'it', 'sorry', 'apologies', 'sick', 'tomorrow', 'today', 'next', 'week',
  'friday', 'monday', 'tuesday', 'wednesday', 'thursday', 'saturday', 'sunday', 'join', 'leave', 'late', 'after', 'all',
  'item', 'items', 'only', 'my', 'me', 'have', 'am', 'is', 'and', 'at', 'absent', 'away', 'holiday', 'vacation',
  'hi', 'hello', 'thanks', 'no', 'yes', 'please', 'unable', 'coming', 'come', 'substitute', 'replace', 'of', 'a',
]);

export function detectLanguage(text: string, fallback: 'sv' | 'en'): 'sv' | 'en' {
  const lowered = text.toLowerCase();
  const words = fold(lowered).split(/[^a-z']+/).filter(Boolean);
  let sv = /[åäö]/.test(lowered) ? 2 : 0;
  let en = 0;
  for (const w of words) {
    if (SV.has(w)) sv += 1;
    if (EN.has(w)) en += 1;
  }
  if (sv === en) return fallback;
  return sv > en ? 'sv' : 'en';
}
