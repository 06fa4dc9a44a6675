import { NextResponse } from 'next/server';
import type { DomainErrorCode, Failure, FieldErrors } from '@/lib/platform/result';

export type ApiErrorCode =
  | DomainErrorCode
  | 'invalid_json'
  | 'unauthenticated'
  | 'forbidden_origin'
  | 'method_not_allowed'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'internal_error';

/** The HTTP status each error code is answered with (the contract's table). */
export const ERROR_HTTP_STATUS: Record<ApiErrorCode, number> = {
  validation_failed: 400,
  invalid_json: 400,
  incorrect_password: 400,
  invalid_token: 400,
  incorrect_code: 400,
  invalid_credentials: 401,
  invalid_code: 401,
  unauthenticated: 401,
  forbidden_origin: 403,
  deletion_scheduled: 403,
  reauthentication_required: 403,
  second_factor_required: 403,
  not_found: 404,
  method_not_allowed: 405,
  email_taken: 409,
  username_taken: 409,
  mfa_already_enabled: 409,
  mfa_not_enabled: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  unavailable: 503,
};

const JSON_TYPE = 'application/json; charset=utf-8';

/** A NextResponse, so a handler can set cookies through Next's cookie API (`response.cookies`). */
export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): NextResponse {
  return new NextResponse(JSON.stringify(body), {
    status,
    headers: { 'content-type': JSON_TYPE, 'cache-control': 'no-store', ...headers },
  });
}

export function errorResponse(
  code: ApiErrorCode,
  message: string,
  options: { fields?: FieldErrors; headers?: Record<string, string>; details?: Record<string, string> } = {},
): Response {
  return jsonResponse(
    { ...options.details, error: message, code, ...(options.fields ? { fields: options.fields } : {}) },
    ERROR_HTTP_STATUS[code],
    options.headers,
  );
}

/** Thrown by adapters (body parsing, authentication) and turned into its response by `apiRoute`. */
export class HttpError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly options: { fields?: FieldErrors; headers?: Record<string, string> } = {},
  ) {
    super(message);
  }

  toResponse(): Response {
    return errorResponse(this.code, this.message, this.options);
  }
}

export function failureResponse(failure: Failure): Response {
  const headers: Record<string, string> = failure.retryAfterSeconds
    ? { 'retry-after': String(failure.retryAfterSeconds) }
    : {};
  return errorResponse(failure.code, failure.message, { fields: failure.fields, headers, details: failure.details });
}
