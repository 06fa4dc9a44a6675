import type { Result } from '@/lib/result';
import { failureResponse, jsonResponse } from './errors';

/** A domain result as the contract's JSON: the success body, or the failure's status and error body. */
export function respond<T>(result: Result<T>, body: (value: T) => unknown, status = 200): Response {
  return result.ok ? jsonResponse(body(result.value), status) : failureResponse(result);
}
