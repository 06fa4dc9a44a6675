import type { NextRequest } from 'next/server';
import { isDatabaseUnavailable } from '@/lib/db-errors';
import { limitClient } from '@/lib/rate-limit';
import { clientInfo } from '@/lib/session-cookie';
import { errorResponse, failureResponse, HttpError } from './errors';

// Next hands route handlers a NextRequest (parsed cookies included).
type Handler<C> = (request: NextRequest, context: C) => Promise<Response>;
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Method = (typeof METHODS)[number];

type RouteOptions = {
  /** Counted against RATE_LIMIT_API_PER_MINUTE per client address (all but health checks). */
  limited?: boolean;
};

function guard<C>(handler: Handler<C>, { limited = true }: RouteOptions): Handler<C> {
  return async (request, context) => {
    try {
      const refused = limited ? await limitClient('api', clientInfo(request.headers).ip) : null;
      if (refused) return failureResponse(refused);
      return await handler(request, context);
    } catch (error) {
      if (error instanceof HttpError) return error.toResponse();
      if (isDatabaseUnavailable(error)) {
        return errorResponse('unavailable', 'The service is temporarily unavailable. Please try again shortly.', {
          headers: { 'retry-after': '5' },
        });
      }
      // Logged for operators; the client only ever sees the generic sentence.
      console.error(`[api] ${request.method} ${new URL(request.url).pathname} failed:`, error);
      return errorResponse('internal_error', 'Something went wrong on our side. Please try again.');
    }
  };
}

/**
 * A route file's exports: the given methods, each with the contract's error
 * handling, and a JSON 405 with an Allow header for every other method.
 */
export function apiRoute<C = unknown>(
  handlers: Partial<Record<Method, Handler<C>>>,
  options: RouteOptions = {},
): Record<Method, Handler<C>> {
  const allow = METHODS.filter((method) => handlers[method]).join(', ');
  const notAllowed: Handler<C> = async (request) =>
    errorResponse('method_not_allowed', `${request.method} is not allowed here. Use ${allow}.`, { headers: { allow } });
  return Object.fromEntries(
    METHODS.map((method) => [method, handlers[method] ? guard(handlers[method], options) : notAllowed]),
  ) as Record<Method, Handler<C>>;
}
