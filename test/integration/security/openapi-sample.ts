import { randomUUID } from 'node:crypto';

type Schema = Record<string, any>;

/**
 * A minimal VALID instance of a JSON schema from the OpenAPI document, so that a matrix request passes
 * validation and reaches authorization (an empty body would be refused with 400 before any policy runs).
 * Properties named like ids take the test's real ids.
 */
export function sampleFor(schema: Schema | undefined, ids: Record<string, string>, name = ''): unknown {
  if (!schema) return undefined;
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s: Schema) => sampleFor(s, ids, name)));
  for (const key of ['anyOf', 'oneOf'] as const) {
    if (schema[key]) {
      const options = (schema[key] as Schema[]).filter((s) => s.type !== 'null' && !s.nullable);
      return sampleFor(options[0] ?? schema[key][0], ids, name);
    }
  }
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum.find((v: unknown) => v !== null) ?? schema.enum[0];
  if (schema.default !== undefined && schema.type !== 'object') return schema.default;
  switch (schema.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of schema.required ?? []) out[key] = sampleFor(schema.properties?.[key], ids, key);
      return out;
    }
    case 'array': {
      const n = Math.max(schema.minItems ?? 0, /Ids$/.test(name) && ids[name.replace(/s$/, '')] ? 1 : 0);
      return Array.from({ length: n }, () => sampleFor(schema.items, ids, name.replace(/s$/, '')));
    }
    case 'string': {
      if (ids[name]) return ids[name];
      if (schema.format === 'date-time') return new Date(Date.now() + 7 * 86_400_000).toISOString();
      if (schema.format === 'date') return '2031-03-21';
      if (schema.format === 'email') return `matris.${randomUUID().slice(0, 6)}@example.se`;
      if (schema.format === 'uuid') return randomUUID();
      if (schema.pattern === '^\\d{4}-\\d{2}-\\d{2}$') return '2031-03-21';
      const len = Math.max(schema.minLength ?? 1, 4);
      return `Matris ${randomUUID().slice(0, 6)}`.slice(0, Math.max(len, Math.min(schema.maxLength ?? 40, 40)));
    }
    case 'integer':
    case 'number':
      return /version/i.test(name) ? 1 : (schema.minimum ?? (schema.exclusiveMinimum !== undefined ? Number(schema.exclusiveMinimum) + 1 : 1));
    case 'boolean':
      return true;
    default:
      return schema.properties ? sampleFor({ ...schema, type: 'object' }, ids, name) : 'x';
  }
}

export interface RouteCase {
  method: string;
  path: string;
  /** The path with {params} filled in. */
  url: string;
  body: unknown;
  summary: string;
}

/** Every operation of the OpenAPI document, with path parameters and a valid body filled in. */
export function routeCases(doc: { paths: Record<string, Record<string, Schema>> }, ids: Record<string, string>): RouteCase[] {
  const cases: RouteCase[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const url = path.replace(/\{(\w+)\}/g, (_, p: string) => encodeURIComponent(ids[p] ?? (p === 'number' ? '1' : randomUUID())));
      const bodySchema = op.requestBody?.content?.['application/json']?.schema as Schema | undefined;
      cases.push({ method: method.toUpperCase(), path, url: `/api/v1${url}`, body: bodySchema ? sampleFor(bodySchema, ids) : undefined, summary: op.summary ?? '' });
    }
  }
  return cases;
}
