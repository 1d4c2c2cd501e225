import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { findUnstorableText } from '../../shared/contracts/text';
import { validationFailed } from '../../shared/contracts/validation-error';
import { RadslagError } from '../../shared/errors/catalog';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  method: Method;
  /** Express path relative to /api/v1, e.g. '/meetings/:meetingId'. */
  path: string;
  summary: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  /** Documented success status (default 200). */
  status?: number;
  handler: (input: { params: z.infer<P>; query: z.infer<Q>; body: z.infer<B>; req: Request; res: Response }) => Promise<unknown>;
}

/** NUL or an unpaired surrogate anywhere in a request's query or body: 400 naming the field, for every route. */
function refuseUnstorableText(req: Request): void {
  const where = findUnstorableText(req.query, ['query']) ?? findUnstorableText(req.body);
  if (where === null) return;
  throw new RadslagError('VALIDATION_FAILED', {
    detailEn: `${where}: contains a NUL character or an unpaired surrogate (not valid text)`,
    detailSv: `${where}: innehåller ett NUL-tecken eller ett ensamt surrogattecken (inte giltig text)`,
  });
}

export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationFailed(schema, value, result.error, { data: { issues: result.error.issues.slice(0, 20) } });
  return result.data;
}

/**
 * Collects the /api/v1 routes with their zod schemas: requests are validated from the same schemas the
 * OpenAPI document is generated from, so the two cannot drift.
 */
export class ApiRouter {
  readonly router = Router();
  private readonly specs: RouteSpec<any, any, any>[] = [];

  add<P extends z.ZodType = z.ZodObject<Record<string, never>>, Q extends z.ZodType = z.ZodObject<Record<string, never>>, B extends z.ZodType = z.ZodUnknown>(spec: RouteSpec<P, Q, B>): void {
    this.specs.push(spec);
    this.router[spec.method](spec.path, async (req: Request, res: Response) => {
      refuseUnstorableText(req);
      const params = spec.params ? parseOrThrow(spec.params, req.params) : {};
      const query = spec.query ? parseOrThrow(spec.query, req.query) : {};
      const body = spec.body ? parseOrThrow(spec.body, req.body) : undefined;
      const result = await spec.handler({ params, query, body, req, res } as any);
      if (res.headersSent) return;
      if (result === undefined) res.status(204).end();
      else res.status(spec.status ?? 200).json(result);
    });
  }

  openApi(info: { title: string; version: string; serverUrl: string }): Record<string, unknown> {
    const paths: Record<string, Record<string, unknown>> = {};
    for (const s of this.specs) {
      const oaPath = s.path.replace(/:(\w+)/g, '{$1}');
      const parameters: unknown[] = [];
      for (const [where, schema] of [
        ['path', s.params],
        ['query', s.query],
      ] as const) {
        if (!schema) continue;
        const json = z.toJSONSchema(schema, { target: 'openapi-3.0', unrepresentable: 'any', io: 'input' }) as { properties?: Record<string, unknown>; required?: string[] };
        for (const [name, prop] of Object.entries(json.properties ?? {}))
          parameters.push({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: prop });
      }
      paths[oaPath] ??= {};
      paths[oaPath]![s.method] = {
        summary: s.summary,
        tags: [s.tag],
        parameters,
        ...(s.body
          ? // An optional body (publishing justerade minutes needs no { confirmDraft }) is documented as optional.
            { requestBody: { required: !s.body.safeParse(undefined).success, content: { 'application/json': { schema: z.toJSONSchema(s.body, { target: 'openapi-3.0', unrepresentable: 'any', io: 'input' }) } } } }
          : {}),
        responses: {
          [String(s.status ?? 200)]: { description: 'OK' },
          '400': { $ref: '#/components/responses/Error' },
          '401': { $ref: '#/components/responses/Error' },
          '403': { $ref: '#/components/responses/Error' },
          '404': { $ref: '#/components/responses/Error' },
          '409': { $ref: '#/components/responses/Error' },
        },
        security: [{ entra: [] }, { localDevUser: [] }],
      };
    }
    return {
      openapi: '3.0.3',
      info: { title: info.title, version: info.version },
      servers: [{ url: `${info.serverUrl}/api/v1` }],
      paths,
      components: {
        securitySchemes: {
          entra: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Entra ID access token (Teams SSO), production mode' },
          localDevUser: { type: 'apiKey', in: 'header', name: 'X-Radslag-Dev-User', description: 'Local mode only: the e-mail of the acting user' },
        },
        responses: {
          Error: {
            description: 'Error with a stable code and messages in Swedish and English',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    error: {
                      type: 'object',
                      properties: { code: { type: 'string' }, message: { type: 'string' }, messageSv: { type: 'string' }, messageEn: { type: 'string' }, correlationId: { type: 'string' } },
                      required: ['code', 'message'],
                    },
                  },
                },
              },
            },
          },
        },
      },
    };
  }
}
