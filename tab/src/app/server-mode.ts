/** The server's mode, written into the page by the server (`<meta name="radslag-mode">`); null when absent. */
export type ServerMode = 'local' | 'production';

export function serverMode(): ServerMode | null {
  const v = document.querySelector('meta[name="radslag-mode"]')?.getAttribute('content');
  return v === 'local' || v === 'production' ? v : null;
}
