import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';

export const baseUrl = () => inject('baseUrl');

export type ApiResponse<T = Record<string, unknown>> = { status: number; headers: Headers; body: T; text: string };

export async function api<T = Record<string, unknown>>(
  path: string,
  options: { method?: string; json?: unknown; body?: BodyInit; token?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.json !== undefined) headers['content-type'] ??= 'application/json';
  if (options.token) headers.authorization ??= `Bearer ${options.token}`;
  const response = await fetch(`${baseUrl()}${path}`, {
    method: options.method ?? (options.json !== undefined || options.body !== undefined ? 'POST' : 'GET'),
    headers,
    body: options.json !== undefined ? JSON.stringify(options.json) : options.body,
    redirect: 'manual',
  });
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, body: body as T, text };
}

export function uniqueName(prefix = 'u') {
  return `${prefix}${randomBytes(5).toString('hex')}`;
}

export type TestUser = {
  username: string;
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  token: string;
};

export function newUserInput(overrides: Partial<Omit<TestUser, 'token'>> = {}) {
  const username = overrides.username ?? uniqueName();
  return {
    username,
    email: overrides.email ?? `${username}@example.test`,
    password: overrides.password ?? `Correct horse ${randomBytes(4).toString('hex')}`,
    firstName: overrides.firstName ?? 'Ada',
    lastName: overrides.lastName ?? 'Lovelace',
  };
}

/** A fresh user created and logged in over the API. */
export async function signedUpUser(overrides: Partial<Omit<TestUser, 'token'>> = {}): Promise<TestUser> {
  const input = newUserInput(overrides);
  const created = await api('/api/creare-cont', { json: input });
  if (created.status !== 201) throw new Error(`sign-up failed: ${created.status} ${created.text}`);
  const token = await login(input.email, input.password);
  return { ...input, token };
}

export async function login(email: string, password: string): Promise<string> {
  const response = await api<{ sessionCode: string }>('/api/login', { json: { email, password } });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${response.text}`);
  return response.body.sessionCode;
}

/** An error body exactly as the contract shapes it, and free of internals. */
export function expectContractError(response: ApiResponse, status: number, code: string) {
  const body = response.body as { error?: unknown; code?: unknown };
  if (response.status !== status || body?.code !== code || typeof body.error !== 'string') {
    throw new Error(`expected ${status} ${code}, got ${response.status} ${response.text.slice(0, 300)}`);
  }
  if (!/^application\/json/.test(response.headers.get('content-type') ?? '')) throw new Error('error is not JSON');
  if (/(SELECT|INSERT|UPDATE|ER_[A-Z_]+|at \w+ \(|\/work\/|node_modules|sqlMessage|stack)/.test(response.text)) {
    throw new Error(`error leaks internals: ${response.text.slice(0, 300)}`);
  }
}
