import type { APIRequestContext } from '@playwright/test';
import type { Account } from './fixtures';

/** Calls the JSON API as `account` (a fresh session code per call site). */
export async function apiAs(request: APIRequestContext, account: Account) {
  const login = await request.post('/api/login', { data: { email: account.email, password: account.password } });
  const { sessionCode } = (await login.json()) as { sessionCode: string };
  const headers = { authorization: `Bearer ${sessionCode}` };
  return {
    post: (path: string, data: unknown) => request.post(path, { headers, data }),
    get: (path: string) => request.get(path, { headers }),
  };
}
