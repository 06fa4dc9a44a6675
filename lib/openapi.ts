import { z } from 'zod';
import { STATUS, type ApiErrorCode } from './http/errors';
import {
  changeEmailSchema,
  changePasswordSchema,
  changeUsernameSchema,
  checkEmailSchema,
  checkUsernameSchema,
  deleteAccountSchema,
  activityQuerySchema,
  loginSchema,
  signUpSchema,
} from './validation/account';
import { SECURITY_EVENT_TYPES } from './security-event-types';
import { contactDetailsSchema, socialLinksSchema } from './validation/profile';

/*
 * The OpenAPI document is generated from the same zod schemas that validate
 * requests, so it cannot drift from what the handlers accept.
 */

const message = z.object({ message: z.string() });
const profile = z.object(
  Object.fromEntries(
    ['HomeAddress', 'Country', 'County', 'Occupation', 'Image', 'ImageType', 'FullName', 'FirstName', 'LastName', 'Username', 'Email', 'LinkedIn', 'FaceBook', 'GitHub', 'Instagram', 'Twitter', 'Youtube', 'Description'].map((key) => [
      key,
      z.string(),
    ]),
  ),
);
const availability = z.object({ available: z.boolean() });
const session = z.object({
  id: z.string().describe('Public id of the session; not the session code.'),
  createdAt: z.string().datetime(),
  lastSeenAt: z.string().datetime(),
  expiresAt: z.string().datetime(),
  userAgent: z.string(),
  ip: z.string(),
  current: z.boolean(),
});
const securityEvent = z.object({
  id: z.number().int(),
  type: z.enum(SECURITY_EVENT_TYPES),
  at: z.string().datetime(),
  ip: z.string().describe('The client address as resolved by the server ("" when unknown).'),
  userAgent: z.string(),
});
const errorBody = z.object({
  error: z.string().describe('A sentence for a person.'),
  code: z.string().describe('snake_case error code.'),
  fields: z.record(z.string(), z.string()).optional().describe('Per-field messages; only for validation_failed.'),
});

type Endpoint = {
  method: 'get' | 'post' | 'delete';
  path: string;
  summary: string;
  tag: 'Accounts' | 'Profile' | 'Sessions' | 'Service';
  auth?: boolean;
  body?: z.ZodType;
  query?: z.ZodType;
  pathParams?: Record<string, string>;
  headers?: Record<string, string>;
  /** Not counted against the per-address API limit (health checks). */
  unlimited?: boolean;
  success: { status: number; description: string; schema: z.ZodType };
  errors?: ApiErrorCode[];
};

const signUp: Omit<Endpoint, 'path'> = {
  method: 'post',
  summary: 'Create an account (user, empty profile card and empty social links, together and once).',
  tag: 'Accounts',
  body: signUpSchema,
  success: { status: 201, description: 'Account created.', schema: z.object({ message: z.string(), username: z.string(), email: z.string() }) },
  errors: ['email_taken', 'username_taken', 'rate_limited'],
};

export const ENDPOINTS: Endpoint[] = [
  { ...signUp, path: '/api/creare-cont' },
  { ...signUp, path: '/api/intra-in-cont', summary: 'Alias of /api/creare-cont.' },
  {
    method: 'get',
    path: '/api/checkUsername',
    summary: 'Whether a username is free (ignoring case).',
    tag: 'Accounts',
    query: checkUsernameSchema,
    success: { status: 200, description: 'Availability.', schema: availability },
  },
  {
    method: 'get',
    path: '/api/checkEmail',
    summary: 'Whether an email address is free.',
    tag: 'Accounts',
    query: checkEmailSchema,
    success: { status: 200, description: 'Availability.', schema: availability },
  },
  {
    method: 'post',
    path: '/api/login',
    summary: 'Log in with email (or username) and password; returns a session code.',
    tag: 'Sessions',
    body: loginSchema,
    headers: {
      'X-Device-Token':
        'The deviceToken of an earlier successful login to this account. Its holder keeps its own allowance of ' +
        'failed attempts, so failures by others (which pause the account from the 5th, for 1 s doubling to 15 min) ' +
        'never lock it out. Browsers hold it in an httpOnly cookie instead.',
    },
    success: {
      status: 200,
      description: 'Logged in. Send the code as `Authorization: Bearer <code>`; keep deviceToken for later logins.',
      schema: z.object({
        message: z.string().describe('The session code (legacy field).'),
        sessionCode: z.string(),
        expiresAt: z.string().datetime(),
        deviceToken: z.string().describe('Send it back as X-Device-Token when logging in to this account again.'),
      }),
    },
    errors: ['invalid_credentials', 'rate_limited'],
  },
  { method: 'post', path: '/api/logout', summary: 'End this session.', tag: 'Sessions', auth: true, success: { status: 200, description: 'Logged out.', schema: message } },
  { method: 'get', path: '/api/getProfile', summary: 'The profile card of the signed-in user.', tag: 'Profile', auth: true, success: { status: 200, description: 'Profile.', schema: profile } },
  {
    method: 'post',
    path: '/api/setContactDetail',
    summary: 'Update contact details and the image; absent keys keep their value, image "" clears it.',
    tag: 'Profile',
    auth: true,
    body: contactDetailsSchema,
    success: { status: 200, description: 'The updated profile.', schema: profile },
  },
  {
    method: 'post',
    path: '/api/setSocialLink',
    summary: 'Update social links and the description; absent keys keep their value.',
    tag: 'Profile',
    auth: true,
    body: socialLinksSchema,
    success: { status: 200, description: 'The updated profile.', schema: profile },
  },
  {
    method: 'post',
    path: '/api/changePassword',
    summary: 'Change the password; every other session of the user ends.',
    tag: 'Accounts',
    auth: true,
    body: changePasswordSchema,
    success: { status: 200, description: 'Password changed.', schema: message },
    errors: ['incorrect_password'],
  },
  {
    method: 'post',
    path: '/api/changeEmail',
    summary: 'Change the email address.',
    tag: 'Accounts',
    auth: true,
    body: changeEmailSchema,
    success: { status: 200, description: 'Email changed.', schema: z.object({ message: z.string(), email: z.string() }) },
    errors: ['incorrect_password', 'email_taken'],
  },
  {
    method: 'post',
    path: '/api/changeUsername',
    summary: 'Change the username.',
    tag: 'Accounts',
    auth: true,
    body: changeUsernameSchema,
    success: { status: 200, description: 'Username changed.', schema: z.object({ message: z.string(), username: z.string() }) },
    errors: ['username_taken'],
  },
  {
    method: 'delete',
    path: '/api/deleteAccount',
    summary: 'Delete the account with its profile, links and sessions.',
    tag: 'Accounts',
    auth: true,
    body: deleteAccountSchema,
    success: { status: 200, description: 'Deleted.', schema: message },
    errors: ['incorrect_password'],
  },
  {
    method: 'get',
    path: '/api/sessions',
    summary: "The signed-in user's active sessions.",
    tag: 'Sessions',
    auth: true,
    success: { status: 200, description: 'Sessions, this one first.', schema: z.object({ sessions: z.array(session) }) },
  },
  {
    method: 'delete',
    path: '/api/sessions',
    summary: 'End every session of the user but this one.',
    tag: 'Sessions',
    auth: true,
    success: { status: 200, description: 'Other sessions ended.', schema: z.object({ message: z.string(), revoked: z.number().int() }) },
  },
  {
    method: 'delete',
    path: '/api/sessions/{id}',
    summary: "End one of the user's own sessions.",
    tag: 'Sessions',
    auth: true,
    pathParams: { id: 'The session id from GET /api/sessions.' },
    success: { status: 200, description: 'Session ended.', schema: z.object({ message: z.string(), current: z.boolean() }) },
    errors: ['not_found'],
  },
  {
    method: 'get',
    path: '/api/activity',
    summary: "The signed-in user's own security events, newest first, 20 a page (kept 90 days by default).",
    tag: 'Sessions',
    auth: true,
    query: activityQuerySchema,
    success: {
      status: 200,
      description: 'One page; pass `next` as `before` for the following one (null on the last page).',
      schema: z.object({ events: z.array(securityEvent), next: z.string().nullable() }),
    },
  },
  {
    method: 'get',
    path: '/api/health',
    summary: 'Liveness: 200 when the database answers, else 503.',
    tag: 'Service',
    unlimited: true,
    success: { status: 200, description: 'Healthy.', schema: z.object({ status: z.literal('ok') }) },
  },
  {
    method: 'get',
    path: '/api/openapi.json',
    summary: 'This document.',
    tag: 'Service',
    success: { status: 200, description: 'OpenAPI 3.1 document.', schema: z.object({}).passthrough() },
  },
];

function jsonSchema(schema: z.ZodType) {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

function errorCodes(endpoint: Endpoint): ApiErrorCode[] {
  const codes: ApiErrorCode[] = [...(endpoint.errors ?? [])];
  if (endpoint.body) codes.push('invalid_json', 'validation_failed', 'payload_too_large', 'unsupported_media_type');
  if (endpoint.query) codes.push('validation_failed');
  if (endpoint.auth) codes.push('unauthenticated');
  if (endpoint.auth && endpoint.method !== 'get') codes.push('forbidden_origin');
  if (!endpoint.unlimited) codes.push('rate_limited');
  codes.push('method_not_allowed', 'internal_error', 'unavailable');
  return [...new Set(codes)];
}

function operation(endpoint: Endpoint) {
  const responses: Record<string, unknown> = {
    [endpoint.success.status]: {
      description: endpoint.success.description,
      content: { 'application/json': { schema: jsonSchema(endpoint.success.schema) } },
    },
  };
  const byStatus = new Map<number, ApiErrorCode[]>();
  for (const code of errorCodes(endpoint)) byStatus.set(STATUS[code], [...(byStatus.get(STATUS[code]) ?? []), code]);
  for (const [status, codes] of byStatus) {
    responses[status] = {
      description: `Error: ${codes.join(', ')}.`,
      ...(status === 429 || status === 503 ? { headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait.' } } } : {}),
      ...(status === 405 ? { headers: { Allow: { schema: { type: 'string' }, description: 'Methods this path accepts.' } } } : {}),
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
  for (const [name, description] of Object.entries(endpoint.pathParams ?? {})) {
    parameters.push({ name, in: 'path', required: true, description, schema: { type: 'string' } });
  }
  return {
    summary: endpoint.summary,
    tags: [endpoint.tag],
    operationId: `${endpoint.method}${endpoint.path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
    ...(endpoint.auth ? { security: [{ sessionCode: [] }, { sessionCookie: [] }] } : { security: [] }),
    ...(parameters.length ? { parameters } : {}),
    ...(endpoint.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(endpoint.body) } } } }
      : {}),
    responses,
  };
}

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const endpoint of ENDPOINTS) {
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
    tags: [{ name: 'Accounts' }, { name: 'Profile' }, { name: 'Sessions' }, { name: 'Service' }],
    paths,
    components: {
      schemas: { Error: jsonSchema(errorBody) },
      securitySchemes: {
        sessionCode: { type: 'http', scheme: 'bearer', description: 'The session code from /api/login (a bare `Authorization: <code>` works too).' },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'session', description: 'The browser session cookie (`__Host-session` over https). State-changing requests need a same-site Origin.' },
      },
    },
  };
}
