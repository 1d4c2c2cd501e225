/** The part of the minutes' HTML under one item's heading ("3. Title"), up to the next heading. */
export function itemSection(html: string, title: string): string {
  const start = html.search(new RegExp(`<h3>\\d+\\. ${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</h3>`));
  if (start < 0) throw new Error(`no item "${title}" in the minutes`);
  const rest = html.slice(start + 4);
  const end = rest.search(/<h[23]>/);
  return end < 0 ? rest : rest.slice(0, end);
}
