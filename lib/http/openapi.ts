import { z } from 'zod';
import { ERROR_HTTP_STATUS, type ApiErrorCode } from './responses';
import { METHODS, type DeclaredHandler, type Method, type OperationDeclaration } from './route';

/*
 * The OpenAPI document is generated from the routes' own declarations (method,
 * auth, the zod schemas their handlers parse with, success body, extra errors),
 * so it cannot drift from what the handlers accept.
 */

/** A route module's handlers and the path it is mounted at; `summary` overrides for an alias. */
export type DocumentedRoute = { path: string; handlers: Partial<Record<Method, DeclaredHandler>>; summary?: string };

type Endpoint = OperationDeclaration & { method: Lowercase<Method>; path: string };

const errorBody = z.object({
  error: z.string().describe('A sentence for a person.'),
  code: z.string().describe('snake_case error code.'),
  fields: z.record(z.string(), z.string()).optional().describe('Per-field messages; only for validation_failed.'),
});

/** Every declared method of every route, in the order given. */
function documentedEndpoints(routes: DocumentedRoute[]): Endpoint[] {
  return routes.flatMap((route) =>
    METHODS.flatMap((method) => {
      const declaration = route.handlers[method]?.declaration;
      if (!declaration) return [];
      const summary = route.summary ?? declaration.summary;
      return [{ ...declaration, summary, method: lowercase(method), path: route.path }];
    }),
  );
}

const lowercase = (method: Method) => method.toLowerCase() as Lowercase<Method>;

function jsonSchema(schema: z.ZodType) {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
}

/** A non-JSON body; an archive lists its JSON entries' schemas (OpenAPI has no way to say "a ZIP holding…"). */
function binaryContent(success: Endpoint['success']) {
  const mediaType = success.mediaType ?? 'application/octet-stream';
  if (!success.archiveEntries) return {};
  const names = Object.keys(success.archiveEntries);
  return {
    schema: {
      type: 'string',
      contentMediaType: mediaType,
      description: `An archive holding ${names.join(', ')} (schemas in x-archive-entries) and any files they name.`,
      'x-archive-entries': Object.fromEntries(
        Object.entries(success.archiveEntries).map(([name, schema]) => [name, jsonSchema(schema)]),
      ),
    },
  };
}

function errorCodes(endpoint: Endpoint): ApiErrorCode[] {
  const codes: ApiErrorCode[] = [...(endpoint.errors ?? [])];
  if (endpoint.body) codes.push('invalid_json', 'validation_failed', 'payload_too_large', 'unsupported_media_type');
  if (endpoint.query || endpoint.params) codes.push('validation_failed');
  if (endpoint.auth === 'session') codes.push('unauthenticated');
  if (endpoint.auth === 'session' && endpoint.method !== 'get') codes.push('forbidden_origin');
  if (!endpoint.unlimited) codes.push('rate_limited');
  codes.push('method_not_allowed', 'internal_error', 'unavailable');
  return [...new Set(codes)];
}

function operation(endpoint: Endpoint) {
  const { success } = endpoint;
  const responses: Record<string, unknown> = {
    [success.status]: {
      description: success.description,
      content: success.schema
        ? { 'application/json': { schema: jsonSchema(success.schema) } }
        : { [success.mediaType ?? 'application/octet-stream']: binaryContent(success) },
    },
  };
  const byStatus = new Map<number, ApiErrorCode[]>();
  for (const code of errorCodes(endpoint)) {
    const status = ERROR_HTTP_STATUS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  for (const [status, codes] of byStatus) {
    responses[status] = {
      description: `Error: ${codes.join(', ')}.`,
      ...(status === 429 || status === 503
        ? { headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait.' } } }
        : {}),
      ...(status === 405
        ? { headers: { Allow: { schema: { type: 'string' }, description: 'Methods this path accepts.' } } }
        : {}),
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
  }
  const parameters: unknown[] = [];
  if (endpoint.query) {
    const schema = jsonSchema(endpoint.query) as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      parameters.push({ name, in: 'query', required: schema.required?.includes(name) ?? false, schema: property });
    }
  }
  for (const [name, description] of Object.entries(endpoint.headers ?? {})) {
    parameters.push({ name, in: 'header', required: false, description, schema: { type: 'string' } });
  }
  if (endpoint.params) {
    const schema = jsonSchema(endpoint.params) as { properties?: Record<string, { description?: string }> };
    for (const [name, { description, ...property }] of Object.entries(schema.properties ?? {})) {
      parameters.push({ name, in: 'path', required: true, ...(description ? { description } : {}), schema: property });
    }
  }
  return {
    summary: endpoint.summary,
    tags: [endpoint.tag],
    operationId: `${endpoint.method}${endpoint.path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
    ...(endpoint.auth === 'session' ? { security: [{ sessionCode: [] }, { sessionCookie: [] }] } : { security: [] }),
    ...(parameters.length ? { parameters } : {}),
    ...(endpoint.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(endpoint.body) } } } }
      : {}),
    responses,
  };
}

export function openApiDocument(routes: DocumentedRoute[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const endpoint of documentedEndpoints(routes)) {
    (paths[endpoint.path] ??= {})[endpoint.method] = operation(endpoint);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Profile Hub API',
      version: '1.0.0',
      description:
        'JSON API of Profile Hub, keeping the endpoint and field names of the original backend. Every error has the body `{"error", "code", "fields"?}`. Unknown keys are ignored.',
    },
    servers: [{ url: '/' }],
    tags: [{ name: 'Accounts' }, { name: 'Profile' }, { name: 'Sessions' }, { name: 'Email' }, { name: 'Service' }],
    paths,
    components: {
      schemas: { Error: jsonSchema(errorBody) },
      securitySchemes: {
        sessionCode: {
          type: 'http',
          scheme: 'bearer',
          description: 'The session code from /api/login (a bare `Authorization: <code>` works too).',
        },
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'session',
          description:
            'The browser session cookie (`__Host-session` over https). State-changing requests need a same-site Origin.',
        },
      },
    },
  };
}
