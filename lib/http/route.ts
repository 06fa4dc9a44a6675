import type { NextRequest } from 'next/server';
import type { z } from 'zod';
import { isDatabaseUnavailable } from '@/lib/platform/db-errors';
import { limitClient } from '@/lib/security/rate-limit';
import { clientInfo } from '@/lib/http/session-cookie';
import { logRequest, requestIdFrom } from '@/lib/platform/log';
import { currentRequestId } from '@/lib/platform/outage';
import type { DomainErrorCode, Result } from '@/lib/platform/result';
import type { ResolvedSession } from '@/lib/auth/sessions';
import { authenticate, type Authenticated } from './auth';
import { parseJsonBody, parseWith, SMALL_BODY_BYTES, UPLOAD_BODY_BYTES } from './body';
import { errorResponse, failureResponse, HttpError, jsonResponse, type ApiErrorCode } from './responses';

export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type Method = (typeof METHODS)[number];

/** Who may call: `session` (a session code in Authorization or the cookie) or anyone. Always written out. */
export type RouteAuth = 'session' | 'none';
export type ApiTag = 'Accounts' | 'Profile' | 'Sessions' | 'Email' | 'Service';

/** Next's second argument to a route handler; `params` only on dynamic segments. */
type RouteContext = { params: Promise<unknown> };

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export type OperationInput<A extends RouteAuth, B, Q, P> = {
  request: NextRequest;
  session: A extends 'session' ? Authenticated : null;
  body: Parsed<B>;
  query: Parsed<Q>;
  params: Parsed<P>;
};

/**
 * A handler answers with a domain result (its success value is the declared
 * success body, sent with the declared status) or, when it must set headers or
 * cookies or is not JSON, a Response of its own.
 */
type OperationReply<S> = Response | (S extends z.ZodType ? Result<z.input<S>, DomainErrorCode> : never);

/**
 * One method of one route: its documented facts and its handler. The handler
 * receives its body, query and path parameters already parsed with exactly the
 * declared schemas, and the session when `auth: 'session'`, so the OpenAPI
 * document built from these declarations cannot drift from what is accepted.
 */
export type OperationDeclaration<
  A extends RouteAuth = RouteAuth,
  B extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  P extends z.ZodType | undefined = z.ZodType | undefined,
  S extends z.ZodType | undefined = z.ZodType | undefined,
> = {
  summary: string;
  tag: ApiTag;
  auth: A;
  /** JSON request body (Content-Type, the size limit and the schema are enforced). */
  body?: B;
  /** The body carries an upload: up to 4 MiB, not 64 KiB. Only with `auth: 'session'` (read after authenticating). */
  upload?: A extends 'session' ? true : never;
  /** Query string parameters, as strings. */
  query?: Q;
  /** Path parameters of a dynamic segment, e.g. `z.object({ id: z.string().describe('…') })`. */
  params?: P;
  /** Request headers the handler reads (documented only), name → description. */
  headers?: Record<string, string>;
  /** Not counted against RATE_LIMIT_API_PER_MINUTE per client address (health checks); every other operation is. */
  unlimited?: true;
  /** Without `schema` the success is not JSON (then `mediaType` says what it is) and the handler returns a Response. */
  success: {
    status: number;
    description: string;
    schema?: S;
    mediaType?: string;
    /** For an archive (e.g. application/zip): its JSON entries by name, documented with their schemas. */
    archiveEntries?: Record<string, z.ZodType>;
  };
  /** Error codes this operation can answer beyond those implied by auth, body, query and params. */
  errors?: ApiErrorCode[];
  /**
   * With `auth: 'session'`: resolves the code, and may fetch what the handler needs
   * in the same round trip (e.g. resolveSessionWithProfile); the handler gets its result.
   */
  resolveSession?: (code: string, request: NextRequest) => Promise<ResolvedSession | null>;
  handler: (input: OperationInput<A, B, Q, P>) => Promise<OperationReply<S>>;
};

/** Declares one method of a route; see `OperationDeclaration`. Generic so the handler's input is typed. */
export function operation<
  A extends RouteAuth,
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  P extends z.ZodType | undefined = undefined,
  S extends z.ZodType | undefined = undefined,
>(declaration: OperationDeclaration<A, B, Q, P, S>): OperationDeclaration {
  return declaration as unknown as OperationDeclaration;
}

type Handler = (request: NextRequest, context: RouteContext) => Promise<Response>;
/** A route handler that carries its declaration, so the OpenAPI generator (and tests) can read it. */
export type DeclaredHandler = Handler & { readonly declaration?: OperationDeclaration };

async function run(declaration: OperationDeclaration, request: NextRequest, context: RouteContext): Promise<Response> {
  const refused = declaration.unlimited ? null : await limitClient('api', clientInfo(request.headers).ip);
  if (refused) return failureResponse(refused);
  const resolve = declaration.resolveSession;
  const session =
    declaration.auth === 'session'
      ? await authenticate(
          request,
          { stateChanging: request.method !== 'GET' },
          resolve && ((code) => resolve(code, request)),
        )
      : null;
  const query = declaration.query
    ? await parseWith(declaration.query, Object.fromEntries(new URL(request.url).searchParams))
    : undefined;
  const params = declaration.params ? await parseWith(declaration.params, await context.params) : undefined;
  const limit = declaration.upload ? UPLOAD_BODY_BYTES : SMALL_BODY_BYTES;
  const body = declaration.body ? await parseJsonBody(request, declaration.body, limit) : undefined;
  const reply = await declaration.handler({ request, session, body, query, params } as never);
  if (reply instanceof Response) return reply;
  return reply.ok ? jsonResponse(reply.value, declaration.success.status) : failureResponse(reply);
}

/** Seconds a client should wait before retrying when the database is not answering. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

export function unavailableResponse(): Response {
  return errorResponse('unavailable', 'The service is temporarily unavailable. Please try again shortly.', {
    headers: { 'retry-after': String(UNAVAILABLE_RETRY_AFTER_SECONDS) },
  });
}

/** The contract's error handling: typed errors, 503 for an outage, a generic 500 otherwise (and the error, to log). */
async function answer(handler: Handler, request: NextRequest, context: RouteContext): Promise<[Response, unknown?]> {
  try {
    return [await handler(request, context)];
  } catch (error) {
    if (error instanceof HttpError) return [error.toResponse()];
    if (isDatabaseUnavailable(error)) return [unavailableResponse(), error];
    // The client only ever sees the generic sentence; the log has the (redacted) cause chain.
    return [errorResponse('internal_error', 'Something went wrong on our side. Please try again.'), error];
  }
}

function withHeader(response: Response, name: string, value: string): Response {
  try {
    response.headers.set(name, value);
    return response;
  } catch {
    // Some responses (Response.redirect) have immutable headers.
    const copy = new Response(response.body, response);
    copy.headers.set(name, value);
    return copy;
  }
}

/** Around every handler: the contract's error handling, one log line per request, and its id in X-Request-Id. */
export function logged(handler: Handler): Handler {
  return async (request, context) => {
    const started = performance.now();
    const requestId = currentRequestId() ?? requestIdFrom(request.headers);
    const [response, error] = await answer(handler, request, context);
    logRequest(
      {
        requestId,
        method: request.method,
        route: request.nextUrl.pathname,
        status: response.status,
        durationMs: performance.now() - started,
      },
      error,
    );
    return withHeader(response, 'x-request-id', requestId);
  };
}

function guard(declaration: OperationDeclaration): DeclaredHandler {
  return Object.assign(
    logged((request, context) => run(declaration, request, context)),
    { declaration },
  );
}

/**
 * A route file's exports: each declared method with its parsing, authentication
 * and error handling, and a JSON 405 with an Allow header for every other method.
 *
 *   export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({ POST: operation({ …, handler }) });
 */
export function apiRoute(declarations: Partial<Record<Method, OperationDeclaration>>): Record<Method, DeclaredHandler> {
  const allow = METHODS.filter((method) => declarations[method]).join(', ');
  const notAllowed: Handler = async (request) =>
    errorResponse('method_not_allowed', `${request.method} is not allowed here. Use ${allow}.`, { headers: { allow } });
  return Object.fromEntries(
    METHODS.map((method) => {
      const declaration = declarations[method];
      return [method, declaration ? guard(declaration) : logged(notAllowed)];
    }),
  ) as Record<Method, DeclaredHandler>;
}

/** What every change behind the step-up rule (lib/account/step-up.ts) may answer, and how its summary says so. */
export const STEP_UP_ERRORS: ApiErrorCode[] = [
  'incorrect_password',
  'incorrect_code',
  'second_factor_required',
  'reauthentication_required',
  'rate_limited',
];
export const STEP_UP_SUMMARY =
  ' Step-up: currentPassword, and when the account has a second factor also code (or recoveryCode): without it 400 ' +
  '`validation_failed` (fields.code), or 403 `second_factor_required` when its only second factor is a passkey; or instead passkeyAssertion alone (challenge from POST /api/passkeys/stepUp/options).';
