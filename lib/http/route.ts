import type { NextRequest } from 'next/server';
import { isDatabaseUnavailable } from '@/lib/db-errors';
import { logRequest, requestIdFrom } from '@/lib/log';
import { errorResponse, HttpError } from './errors';

// Next hands route handlers a NextRequest (parsed cookies included).
type Handler<C> = (request: NextRequest, context: C) => Promise<Response>;
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Method = (typeof METHODS)[number];

/** Seconds a client should wait before retrying when the database is not answering. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

export function unavailableResponse(): Response {
  return errorResponse('unavailable', 'The service is temporarily unavailable. Please try again shortly.', {
    headers: { 'retry-after': String(UNAVAILABLE_RETRY_AFTER_SECONDS) },
  });
}

/** The handler's response, or the contract's error for what it threw (and the error, to log it once). */
async function answer<C>(handler: Handler<C>, request: NextRequest, context: C): Promise<[Response, unknown?]> {
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

/** One log line per request, and its id in X-Request-Id. */
function guard<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    const started = performance.now();
    const requestId = requestIdFrom(request.headers);
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

/**
 * A route file's exports: the given methods, each with the contract's error
 * handling and request logging, and a JSON 405 with an Allow header for every
 * other method.
 */
export function apiRoute<C = unknown>(handlers: Partial<Record<Method, Handler<C>>>): Record<Method, Handler<C>> {
  const allow = METHODS.filter((method) => handlers[method]).join(', ');
  const notAllowed: Handler<C> = async (request) =>
    errorResponse('method_not_allowed', `${request.method} is not allowed here. Use ${allow}.`, { headers: { allow } });
  return Object.fromEntries(
    METHODS.map((method) => [method, guard(handlers[method] ?? notAllowed)]),
  ) as Record<Method, Handler<C>>;
}
