/**
 * Text no store keeps: NUL (PostgreSQL refuses it in text and jsonb) and unpaired UTF-16 surrogates (not
 * Unicode; PostgreSQL refuses them in jsonb and they cannot be encoded as UTF-8). One rule for every edge:
 * the bot endpoint cleans an incoming activity (a förhinder must not be lost over one bad character), the
 * API refuses a request that carries such text with a 400 naming the field.
 */
// eslint-disable-next-line no-control-regex
const NUL = /\u0000/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function isStorableText(s: string): boolean {
  NUL.lastIndex = 0;
  LONE_SURROGATE.lastIndex = 0;
  return !NUL.test(s) && !LONE_SURROGATE.test(s);
}

/** Strips NUL and replaces each unpaired surrogate with U+FFFD (the replacement character). */
export function cleanText(s: string): string {
  return isStorableText(s) ? s : s.replace(NUL, '').replace(LONE_SURROGATE, '\uFFFD');
}

/** A JSON.parse reviver that cleans every string, values and keys alike (it runs bottom-up). */
export function cleaningReviver(_key: string, value: unknown): unknown {
  if (typeof value === 'string') return cleanText(value);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  if (keys.every(isStorableText)) return value;
  return Object.fromEntries(keys.map((k) => [cleanText(k), (value as Record<string, unknown>)[k]]));
}

/** The path ("items.0.title") of the first string (value or key) in `value` that is not storable, or null. */
export function findUnstorableText(value: unknown, path: string[] = [], depth = 0): string | null {
  if (typeof value === 'string') return isStorableText(value) ? null : path.join('.') || '(data)';
  if (depth > 64 || value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorableText(value[i], [...path, String(i)], depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value)) {
    if (!isStorableText(k)) return [...path, cleanText(k)].join('.');
    const found = findUnstorableText(v, [...path, k], depth + 1);
    if (found) return found;
  }
  return null;
}
