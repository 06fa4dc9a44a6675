import { describe, expect, inject, it } from 'vitest';
import { linkToken, mailsTo } from '../support/mail-catcher';
import { api, baseUrl, expectContractError, newUserInput, signedUpUser, uniqueName } from '../support/api';
import { startTestApp } from '../support/server';

describe('isolation between users', () => {
  it("B's code never reads or writes A's data", async () => {
    const a = await signedUpUser();
    const b = await signedUpUser();
    await api('/api/setContactDetail', { token: a.token, json: { occupation: 'A only' } });
    // Ids, usernames or emails in the body cannot point a write at someone else.
    await api('/api/setContactDetail', {
      token: b.token,
      json: { occupation: 'B', userId: 1, username: a.username, email: a.email, id: 1 },
    });
    await api('/api/setSocialLink', { token: b.token, json: { gitHub: 'https://github.com/b', user_id: 1 } });
    const profileA = await api<Record<string, string>>('/api/getProfile', { token: a.token });
    const profileB = await api<Record<string, string>>('/api/getProfile', { token: b.token });
    expect(profileA.body).toMatchObject({ Occupation: 'A only', GitHub: '', Username: a.username });
    expect(profileB.body).toMatchObject({ Occupation: 'B', GitHub: 'https://github.com/b', Username: b.username });
  });
});

describe('cookie authentication', () => {
  it('authenticates reads; a state-changing request needs our own Origin', async () => {
    const user = await signedUpUser();
    const cookie = `session=${user.token}`;
    expect((await api('/api/getProfile', { headers: { cookie } })).status).toBe(200);
    const write = { occupation: 'Set by cookie' };
    expectContractError(
      await api('/api/setContactDetail', { json: write, headers: { cookie } }),
      403,
      'forbidden_origin',
    );
    expectContractError(
      await api('/api/setContactDetail', { json: write, headers: { cookie, origin: 'https://evil.example' } }),
      403,
      'forbidden_origin',
    );
    expectContractError(
      await api('/api/setContactDetail', { json: write, headers: { cookie, origin: 'null' } }),
      403,
      'forbidden_origin',
    );
    expectContractError(
      await api('/api/logout', { method: 'POST', headers: { cookie, origin: 'https://evil.example' } }),
      403,
      'forbidden_origin',
    );
    const own = await api<Record<string, string>>('/api/setContactDetail', {
      json: write,
      headers: { cookie, origin: baseUrl() },
    });
    expect(own.status).toBe(200);
    expect(own.body.Occupation).toBe('Set by cookie');
  });

  it("another cookie's malformed %-escape is no reason to fail: 401 without a session, 200 with one", async () => {
    const user = await signedUpUser();
    for (const junk of ['junk=%', 'junk=%E0%A4%A', 'junk=%zz']) {
      expectContractError(
        await api('/api/getProfile', { headers: { cookie: `${junk}; session=nope` } }),
        401,
        'unauthenticated',
      );
      const answer = await api('/api/getProfile', { headers: { cookie: `${junk}; session=${user.token}` } });
      expect(answer.status, answer.text).toBe(200);
    }
  });

  it('ignores the __Host- cookie name over http, where no browser would set it', async () => {
    const user = await signedUpUser();
    expectContractError(
      await api('/api/getProfile', { headers: { cookie: `__Host-session=${user.token}` } }),
      401,
      'unauthenticated',
    );
  });
});

describe('spoofed headers change nothing', () => {
  it.each<Record<string, string>>([
    { 'x-user-id': '1' },
    { 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware' },
    { 'x-middleware-subrequest': 'src/middleware:src/middleware:src/middleware:src/middleware:src/middleware' },
    { 'x-forwarded-for': '127.0.0.1', 'x-real-ip': '127.0.0.1' },
    { 'x-session-user': '1', 'x-invoke-path': '/api/getProfile' },
  ])('%o', async (headers) => {
    expectContractError(await api('/api/getProfile', { headers }), 401, 'unauthenticated');
    const page = await fetch(`${baseUrl()}/profile`, { headers, redirect: 'manual' });
    expect(page.status).toBe(307);
    expect(page.headers.get('location')).toContain('/login?next=%2Fprofile');
  });
});

describe('races: the unique indexes decide', () => {
  it('ten concurrent sign-ups for one username: exactly one 201', async () => {
    const username = uniqueName('race');
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        api('/api/creare-cont', { json: newUserInput({ username, email: `${username}.${i}@example.test` }) }),
      ),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    for (const answer of answers.filter((a) => a.status !== 201)) expectContractError(answer, 409, 'username_taken');
  });

  it('ten concurrent sign-ups for one email: exactly one 201', async () => {
    const email = `${uniqueName('race')}@example.test`;
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => api('/api/creare-cont', { json: newUserInput({ email }) })),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    for (const answer of answers.filter((a) => a.status !== 201)) expectContractError(answer, 409, 'email_taken');
  });

  it('two users racing for one new username: one 200, one 409', async () => {
    const [a, b] = await Promise.all([signedUpUser(), signedUpUser()]);
    const target = uniqueName('prize');
    const answers = await Promise.all(
      [a, b].map((user) => api('/api/changeUsername', { token: user.token, json: { newUsername: target } })),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it('two users racing to confirm one new email: one moves onto it, the other is refused', async () => {
    const [a, b] = await Promise.all([signedUpUser(), signedUpUser()]);
    const target = `${uniqueName('prize')}@example.test`;
    const asked = await Promise.all(
      [a, b].map((user) =>
        api('/api/changeEmail', { token: user.token, json: { newEmail: target, currentPassword: user.password } }),
      ),
    );
    // A pending address reserves nothing: both may ask.
    expect(asked.map((r) => r.status)).toEqual([200, 200]);
    let links: string[] = [];
    for (let i = 0; i < 100 && links.length < 2; i++) {
      links = (await mailsTo(inject('mailDir'), target))
        .filter((mail) => /Confirm your new email address/.test(mail.subject))
        .map((mail) => linkToken(mail, '/confirm-email'));
      if (links.length < 2) await new Promise((resolve) => setTimeout(resolve, 150));
    }
    const answers = await Promise.all(links.map((token) => api('/api/confirmEmailChange', { json: { token } })));
    const statuses = answers.map((r) => r.status).sort();
    // The loser finds its link dead (400) or, confirming in the same instant, the address taken (409).
    expect(statuses[0]).toBe(200);
    expect([400, 409]).toContain(statuses[1]);
  });
});

describe('bad input is always a clean 4xx', () => {
  const cases: [string, string, unknown][] = [
    ['number for a string', '/api/setContactDetail', { occupation: 42 }],
    ['object for a string', '/api/setContactDetail', { country: { $gt: '' } }],
    ['array for a string', '/api/setSocialLink', { gitHub: ['https://a.example'] }],
    ['null for a string', '/api/setSocialLink', { description: null }],
    ['boolean image', '/api/setContactDetail', { image: true }],
    ['null byte', '/api/setContactDetail', { county: 'Cluj\u0000' }],
    ['control characters', '/api/setContactDetail', { firstName: 'A\u0007\u001b[31m' }],
    ['over-long occupation', '/api/setContactDetail', { occupation: 'o'.repeat(5000) }],
    ['over-long link', '/api/setSocialLink', { linkedIn: `https://x.example/${'a'.repeat(3000)}` }],
    ['SQL in a username', '/api/changeUsername', { newUsername: "x' OR '1'='1" }],
    ['SQL in an email', '/api/changeEmail', { newEmail: "a@b.c'; DROP TABLE users; --", currentPassword: 'x' }],
    ['look-alike Cyrillic username', '/api/changeUsername', { newUsername: 'аdmin' }],
    ['full-width username', '/api/changeUsername', { newUsername: 'ａｄｍｉｎ' }],
    ['zero-width joiner in a username', '/api/changeUsername', { newUsername: 'ad\u200dmin' }],
    ['username with spaces', '/api/changeUsername', { newUsername: 'Vlad Ne' }],
    ['empty password change', '/api/changePassword', { currentPassword: '', newPassword: '' }],
  ];

  it.each(cases)('%s', async (_label, path, body) => {
    const user = await signedUpUser();
    const response = await api(path, { token: user.token, json: body });
    expectContractError(response, 400, 'validation_failed');
  });

  const signUpCases: [string, Record<string, unknown>, string[]][] = [
    [
      'wrong JSON types',
      { username: 5, email: {}, password: ['x'], firstName: null, lastName: true },
      ['email', 'firstName', 'lastName', 'password', 'username'],
    ],
    ['look-alike Cyrillic username', { username: 'аdmin' }, ['username']],
    ['SQL in the username', { username: "admin' OR 1=1 --" }, ['username']],
    ['SQL in the email', { email: "x@example.test' OR 1=1 --" }, ['email']],
    ['null byte in a name', { firstName: 'Ada\u0000' }, ['firstName']],
    ['over-long email', { email: `${'e'.repeat(250)}@example.test` }, ['email']],
    ['over-long username', { username: 'u'.repeat(33) }, ['username']],
  ];

  it.each(signUpCases)('sign-up: %s', async (_label, override, fields) => {
    const response = await api<{ fields: Record<string, string> }>('/api/creare-cont', {
      json: { ...newUserInput(), ...override },
    });
    expectContractError(response, 400, 'validation_failed');
    expect(Object.keys(response.body.fields).sort()).toEqual(fields);
  });

  it('sign-up: prototype-pollution keys are ignored', async () => {
    const input = newUserInput();
    const body = `{"__proto__":{"isAdmin":true,"email":"evil@example.test"},"constructor":{"prototype":{"isAdmin":true}},${JSON.stringify(input).slice(1)}`;
    const response = await api('/api/creare-cont', { body, headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ message: expect.any(String), username: input.username, email: input.email });
  });

  it('a session id that is not ASCII is simply not found', async () => {
    const user = await signedUpUser();
    for (const id of ['%C3%A9t%C3%A9', '%F0%9F%98%80', '%E2%80%8Bx', `${'a'.repeat(300)}`, "x'%20OR%20'1'%3D'1"]) {
      expectContractError(await api(`/api/sessions/${id}`, { method: 'DELETE', token: user.token }), 404, 'not_found');
    }
    expect((await api('/api/getProfile', { token: user.token })).status).toBe(200);
  });

  it('prototype-pollution keys are ignored and pollute nothing', async () => {
    const user = await signedUpUser();
    const body =
      '{"__proto__":{"polluted":true,"occupation":"x"},"constructor":{"prototype":{"polluted":true}},"country":"Kept"}';
    const response = await api<Record<string, string>>('/api/setContactDetail', {
      token: user.token,
      body,
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ Country: 'Kept', Occupation: '' });
    expect(response.body).not.toHaveProperty('polluted');
  });

  it('SQL in free text is stored as text', async () => {
    const user = await signedUpUser();
    const text = "Robert'); DROP TABLE users;-- \\' \" `";
    const response = await api<Record<string, string>>('/api/setContactDetail', {
      token: user.token,
      json: { occupation: text },
    });
    expect(response.body.Occupation).toBe(text);
  });

  it('5 MiB bodies are refused with 413 on every body endpoint, even when Content-Length is not sent', async () => {
    const user = await signedUpUser();
    const huge = JSON.stringify({ occupation: 'x'.repeat(5 * 1024 * 1024) });
    for (const path of ['/api/setContactDetail', '/api/setSocialLink', '/api/login']) {
      expectContractError(
        await api(path, { token: user.token, body: huge, headers: { 'content-type': 'application/json' } }),
        413,
        'payload_too_large',
      );
    }
    const chunked = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 5; i++)
          controller.enqueue(
            new TextEncoder().encode(i === 0 ? `{"occupation":"${'x'.repeat(1024 * 1024)}` : 'x'.repeat(1024 * 1024)),
          );
        controller.close();
      },
    });
    const response = await fetch(`${baseUrl()}/api/setContactDetail`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${user.token}` },
      body: chunked,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
  });

  it('48 parallel 4 MiB bodies from strangers are refused with 413 at once, before they are read', async () => {
    const huge = JSON.stringify({ email: 'x@example.com', password: 'x'.repeat(4 * 1024 * 1024 - 64) });
    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: 48 }, () =>
        api('/api/login', { body: huge, headers: { 'content-type': 'application/json' } }).catch(() => null),
      ),
    );
    console.log(`[figures] 48 parallel 4 MiB logins answered in ${Math.round(performance.now() - started)} ms`);
    for (const answer of answers) {
      expect(answer).not.toBeNull();
      expectContractError(answer!, 413, 'payload_too_large');
    }
  }, 60_000);

  it('bodies of routes without an upload are capped at 64 KiB; the upload route takes more, after authenticating', async () => {
    const user = await signedUpUser();
    const over = JSON.stringify({ description: 'x'.repeat(65 * 1024) });
    expectContractError(
      await api('/api/setSocialLink', {
        token: user.token,
        body: over,
        headers: { 'content-type': 'application/json' },
      }),
      413,
      'payload_too_large',
    );
    const big = JSON.stringify({ occupation: 'x'.repeat(100), country: 'y'.repeat(100 * 1024) });
    expectContractError(
      await api('/api/setContactDetail', { body: big, headers: { 'content-type': 'application/json' } }),
      401,
      'unauthenticated',
    );
    // Authenticated, the same body is read and judged on its fields, not its size.
    expectContractError(
      await api('/api/setContactDetail', {
        token: user.token,
        body: big,
        headers: { 'content-type': 'application/json' },
      }),
      400,
      'validation_failed',
    );
  });

  it('the service is healthy after all of it', async () => {
    const response = await api('/api/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });
});

describe('unknown paths and methods', () => {
  it('answers JSON 404 for an unknown /api path', async () => {
    for (const method of ['GET', 'POST', 'DELETE']) {
      expectContractError(await api('/api/doesNotExist/deeper', { method }), 404, 'not_found');
    }
  });

  it('answers JSON 405 with Allow for a wrong method', async () => {
    const response = await api('/api/login', { method: 'GET' });
    expectContractError(response, 405, 'method_not_allowed');
    expect(response.headers.get('allow')).toBe('POST');
    const sessions = await api('/api/sessions', { method: 'PUT' });
    expectContractError(sessions, 405, 'method_not_allowed');
    expect(sessions.headers.get('allow')).toBe('GET, DELETE');
  });
});

describe('over https (as told by a trusted proxy)', () => {
  it('only the __Host-session cookie counts, and the plain one is ignored', async () => {
    // The shared test server trusts the proxy on loopback (TRUST_PROXY=loopback): its X-Forwarded-Proto counts.
    const user = await signedUpUser();
    const https = { 'x-forwarded-proto': 'https' };
    const withHost = await fetch(`${baseUrl()}/profile`, {
      headers: { ...https, cookie: `__Host-session=${user.token}` },
      redirect: 'manual',
    });
    expect(withHost.status).toBe(200);
    // Reached over https: the page carries HSTS.
    expect(withHost.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    const withPlain = await fetch(`${baseUrl()}/profile`, {
      headers: { ...https, cookie: `session=${user.token}` },
      redirect: 'manual',
    });
    expect(withPlain.status).toBe(307);
  });

  it('a client that is not a trusted proxy cannot claim https', async () => {
    // A runner that trusts no proxy (TRUST_PROXY unset), as npm start does by default.
    const direct = await startTestApp();
    try {
      const user = await signedUpUser();
      const claimed = await fetch(`${direct.baseUrl}/profile`, {
        headers: { 'x-forwarded-proto': 'https', cookie: `__Host-session=${user.token}` },
        redirect: 'manual',
      });
      expect(claimed.status).toBe(307);
      expect(claimed.headers.get('strict-transport-security')).toBeNull();
    } finally {
      await direct.stop();
    }
  }, 120_000);
});
