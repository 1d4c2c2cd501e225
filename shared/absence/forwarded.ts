/**
 * A forwarded e-mail or message pasted into the chat ("Vidarebefordrat meddelande", "---------- Forwarded
 * message ---------", "Från: … Skickat: …"). The absence in it is the original sender's, not the forwarder's.
 * Read on the text as written (before HTML is stripped), so "Från: Karin <karin@x.se>" keeps its address.
 */
export interface ForwardedFrom {
  name: string;
  email?: string;
}

const MARKERS = [
  /vidarebefordrat\s+(?:e-?post)?meddelande/i,
  /-{3,}\s*(?:forwarded\s+message|original\s+message|ursprungligt\s+meddelande|vidarebefordrat)/i,
  /begin\s+forwarded\s+message/i,
  /^\s*(?:vb|vs|fwd?)\s*:/i,
];
const FROM = /(?:^|[\s>])(?:från|fran|from)\s*:\s*([^\n<[]{2,80}?)\s*(?:(?:<|&lt;)\s*(?:mailto:)?([^\s<>&]+@[^\s<>&]+?)\s*(?:>|&gt;)|\[mailto:([^\]\s]+)\])?\s*(?=(?:skickat|sent|datum|date|till|to|ämne|amne|subject)\s*:|\n|<|$)/i;
const SENT = /(?:^|[\s>])(?:skickat|sent|datum|date)\s*:/i;

export function findForwarded(text: string): { from?: ForwardedFrom } | null {
  const marked = MARKERS.some((re) => re.test(text));
  const from = FROM.exec(text);
  if (!marked && !(from && SENT.test(text))) return null;
  if (!from) return {};
  const name = from[1]!.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  const email = from[2] ?? from[3];
  return { from: { name, ...(email ? { email: email.toLowerCase() } : {}) } };
}
