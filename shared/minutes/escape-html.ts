/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Only web and mail links go into a post or document; anything else (javascript:, data:) is refused. */
export function isSafeUrl(url: string): boolean {
  return /^(https?:\/\/|mailto:)[^\s<>"']+$/i.test(url.trim());
}
