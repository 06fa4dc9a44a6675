import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startLocalServer } from './local-server';

/** A person at the fake GitHub: what /user and /user/emails answer for them. */
export type GitHubPerson = {
  id: number;
  login: string;
  name: string;
  emails: { email: string; primary: boolean; verified: boolean }[];
};

let nextId = 7_000_000 + Math.floor(Math.random() * 1_000_000);

/** A GitHub user with one primary, verified address (override `emails` for the attacks). */
export function newGitHubPerson(overrides: Partial<GitHubPerson> = {}): GitHubPerson {
  const id = randomBytes(4).toString('hex');
  return {
    id: nextId++,
    login: `octo${id}`,
    name: 'Grace Brewster Hopper',
    emails: [{ email: `gh${id}@example.test`, primary: true, verified: true }],
    ...overrides,
  };
}

type Grant = { person: GitHubPerson; challenge: string; redirectUri: string };

/**
 * GitHub's OAuth 2 web flow and the two REST calls the app makes, on a loopback port (the app is pointed at it
 * with GITHUB_BASE_URL and GITHUB_API_URL=<base>/api). As strict as GitHub where it matters to the app:
 * the authorize page knows only the registered client and redirect URI and requires an S256 PKCE challenge;
 * the token endpoint wants the client secret, a code it issued (once) and the verifier of that code's
 * challenge; the API wants the access token it issued. Every refusal is counted in `refusals`.
 */
export async function startFakeGitHub(options: { port: number; redirectUri: string }) {
  const base = `http://127.0.0.1:${options.port}`;
  const clientId = `Iv1.${randomBytes(8).toString('hex')}`;
  const clientSecret = randomBytes(20).toString('hex');
  const codes = new Map<string, Grant>();
  const tokens = new Map<string, GitHubPerson>();
  const refusals: string[] = [];
  let next: GitHubPerson | null = null;

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  const refuse = (res: ServerResponse, status: number, reason: string, body: unknown) => {
    refusals.push(reason);
    json(res, status, body);
  };
  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => resolve(body));
    });

  const server = await startLocalServer(options.port, async (req, res) => {
    const url = new URL(req.url ?? '/', base);
    if (req.method === 'GET' && url.pathname === '/login/oauth/authorize') {
      const q = url.searchParams;
      if (q.get('client_id') !== clientId || q.get('redirect_uri') !== options.redirectUri) {
        return refuse(res, 400, 'authorize: unknown client or redirect_uri', { error: 'redirect_uri_mismatch' });
      }
      if (q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge') || !q.get('state')) {
        return refuse(res, 400, 'authorize: no S256 challenge or no state', { error: 'invalid_request' });
      }
      if (!next) throw new Error('the test did not say who signs in at GitHub (signInAs)');
      const code = randomBytes(10).toString('hex');
      codes.set(code, { person: next, challenge: q.get('code_challenge')!, redirectUri: options.redirectUri });
      const back = new URL(options.redirectUri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', q.get('state')!);
      res.writeHead(302, { location: back.href });
      return res.end();
    }
    if (req.method === 'POST' && url.pathname === '/login/oauth/access_token') {
      const form = new URLSearchParams(await readBody(req));
      if (form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret) {
        return refuse(res, 401, 'token: wrong client credentials', { error: 'incorrect_client_credentials' });
      }
      const code = form.get('code') ?? '';
      const grant = codes.get(code);
      codes.delete(code); // a code works once
      const verifier = form.get('code_verifier') ?? '';
      if (!grant || form.get('grant_type') !== 'authorization_code' || form.get('redirect_uri') !== grant.redirectUri) {
        return refuse(res, 400, 'token: unknown or used code', { error: 'bad_verification_code' });
      }
      if (createHash('sha256').update(verifier).digest('base64url') !== grant.challenge) {
        return refuse(res, 400, 'token: PKCE verifier does not match', { error: 'invalid_grant' });
      }
      const accessToken = `gho_${randomBytes(18).toString('hex')}`;
      tokens.set(accessToken, grant.person);
      return json(res, 200, { access_token: accessToken, token_type: 'bearer', scope: 'read:user,user:email' });
    }
    if (req.method === 'GET' && (url.pathname === '/api/user' || url.pathname === '/api/user/emails')) {
      const person = tokens.get((req.headers.authorization ?? '').replace(/^Bearer /i, ''));
      if (!person) return refuse(res, 401, 'api: bad access token', { message: 'Bad credentials' });
      return url.pathname === '/api/user'
        ? json(res, 200, { id: person.id, login: person.login, name: person.name })
        : json(
            res,
            200,
            person.emails.map((entry) => ({ ...entry, visibility: entry.primary ? 'public' : null })),
          );
    }
    json(res, 404, { message: 'Not Found' });
  });

  return {
    /** GITHUB_BASE_URL and GITHUB_API_URL for the app. */
    baseUrl: base,
    apiUrl: `${base}/api`,
    clientId,
    clientSecret,
    refusals,
    /** The person the next authorization at GitHub is. */
    signInAs(person: GitHubPerson) {
      next = person;
    },
    stop: server.stop,
  };
}
