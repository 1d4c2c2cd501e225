/**
 * The one contentUrl a configured tab saves: the same URL for the meeting's details tab, side panel and
 * stage (the frame context picks the page), naming the Rådslag meeting or the council it belongs to.
 */
export function savedTabUrl(origin: string, target: { meetingId: string } | { bodyId: string }): string {
  const q = 'meetingId' in target ? `meetingId=${encodeURIComponent(target.meetingId)}` : `bodyId=${encodeURIComponent(target.bodyId)}`;
  return `${origin}/tab/?${q}`;
}
