/**
 * One truth for public cards (issue 19): a change to a card is seen at once by every worker of a runner
 * (WEB_CONCURRENCY=2), by every instance on the same database, and after a restart; and a name with no card leaves
 * nothing on disk. Each view below is a fresh connection, so the runner's primary hands them to its workers in turn.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUserInput } from '../support/api';
import { databaseConnection } from '../support/db';
import { send } from '../support/http';
import type { RunningApp } from '../../scripts/lib/app-server';
import { startTestApp } from '../support/server';

const db = databaseConnection();
const started: RunningApp[] = [];
afterAll(async () => {
  await Promise.all(started.map((runner) => runner.stop('SIGKILL')));
});

async function runner(env: Record<string, string>, readyLines = 1) {
  const one = await startTestApp(env, { readyLines });
  started.push(one);
  return one;
}

/** A fresh connection per request: no keep-alive that would pin the views to one worker. */
const fresh = new Agent({ keepAlive: false });
const json = { 'content-type': 'application/json' };

type Owner = { username: string; email: string; password: string; token: string; address: string };

/** Signs up through `url`, proves the address (a row written behind the API: mail is not under test here), logs in. */
async function owner(url: string): Promise<Owner> {
  const input = newUserInput();
  const created = await send(`${url}/api/creare-cont`, { method: 'POST', headers: json, body: JSON.stringify(input) });
  expect(created.status).toBe(201);
  await db().query('UPDATE users SET email_verified_at = CURRENT_TIMESTAMP(3) WHERE email = ?', [input.email]);
  const login = await send(`${url}/api/login`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ email: input.email, password: input.password }),
  });
  expect(login.status).toBe(200);
  const token = (JSON.parse(login.body) as { sessionCode: string }).sessionCode;
  const address = `12 Secret Lane ${randomBytes(4).toString('hex')}`;
  const user = { ...input, token, address };
  expect((await call(url, user, '/api/setContactDetail', { homeAddress: address, occupation: 'Analyst' })).status).toBe(
    200,
  );
  expect(
    (await call(url, user, '/api/publicCard', { published: true, showEmail: true, showHomeAddress: true })).status,
  ).toBe(200);
  return user;
}

function call(url: string, user: Owner, pathname: string, body: unknown, method = 'POST') {
  const text = JSON.stringify(body);
  // node:http frames no body of a DELETE by itself: the length says there is one.
  const length = String(Buffer.byteLength(text));
  return send(`${url}${pathname}`, {
    method,
    headers: { ...json, 'content-length': length, authorization: `Bearer ${user.token}` },
    body: text,
  });
}

type View = { where: string; status: number; body: string };

/** `perUrl` views of `pathname` on each base URL, one connection each, a few at a time. */
async function views(urls: string[], pathname: string, perUrl = 12): Promise<View[]> {
  const all: View[] = [];
  for (const url of urls) {
    for (let i = 0; i < perUrl; i += 2) {
      const pair = await Promise.all(
        [0, 1].map(() => send(`${url}${pathname}`, { agent: fresh }).then((reply) => ({ where: url, ...reply }))),
      );
      all.push(...pair);
    }
  }
  return all;
}

const summary = (list: View[], show: (view: View) => string) => list.map((view) => `${view.where} ${show(view)}`);

/** Every view shows the whole card: published, the email and the home address. */
async function expectShown(urls: string[], user: Owner) {
  const seen = await views(urls, `/u/${user.username}`);
  const wrong = seen.filter(
    (view) => view.status !== 200 || !view.body.includes(`mailto:${user.email}`) || !view.body.includes(user.address),
  );
  expect(summary(wrong, (view) => String(view.status))).toEqual([]);
}

/** The five changes an owner can make to withdraw a card or a part of it, and what every view must then show. */
const changes: {
  what: string;
  make: (url: string, user: Owner) => Promise<void>;
  check: (urls: string[], user: Owner) => Promise<void>;
}[] = [
  {
    what: 'unpublish',
    make: async (url, user) => {
      expect((await call(url, user, '/api/publicCard', { published: false })).status).toBe(200);
    },
    check: async (urls, user) => {
      const seen = [
        ...(await views(urls, `/u/${user.username}`)),
        ...(await views(urls, `/u/${user.username}/opengraph-image`, 4)),
      ];
      expect(
        summary(
          seen.filter((view) => view.status !== 404),
          (view) => String(view.status),
        ),
      ).toEqual([]);
    },
  },
  {
    what: 'hide the email',
    make: async (url, user) => {
      expect((await call(url, user, '/api/publicCard', { showEmail: false })).status).toBe(200);
    },
    check: async (urls, user) => {
      const seen = await views(urls, `/u/${user.username}`);
      const wrong = seen.filter(
        (view) => view.status !== 200 || view.body.includes(user.email) || !view.body.includes(user.address),
      );
      expect(
        summary(wrong, (view) => `${view.status} ${view.body.includes(user.email) ? 'shows the email' : ''}`),
      ).toEqual([]);
    },
  },
  {
    what: 'hide the home address',
    make: async (url, user) => {
      expect((await call(url, user, '/api/publicCard', { showHomeAddress: false })).status).toBe(200);
    },
    check: async (urls, user) => {
      const seen = await views(urls, `/u/${user.username}`);
      const wrong = seen.filter((view) => view.status !== 200 || view.body.includes(user.address));
      expect(
        summary(wrong, (view) => `${view.status} ${view.body.includes(user.address) ? 'shows the address' : ''}`),
      ).toEqual([]);
    },
  },
  {
    what: 'rename',
    make: async (url, user) => {
      const renamed = await call(url, user, '/api/changeUsername', { newUsername: `${user.username}r` });
      expect(renamed.status).toBe(200);
    },
    check: async (urls, user) => {
      const old = await views(urls, `/u/${user.username}`);
      expect(
        summary(
          old.filter((view) => view.status !== 404),
          (view) => `old name ${view.status}`,
        ),
      ).toEqual([]);
      const moved = await views(urls, `/u/${user.username}r`, 4);
      expect(
        summary(
          moved.filter((view) => view.status !== 200 || !view.body.includes(user.address)),
          (view) => `new name ${view.status}`,
        ),
      ).toEqual([]);
    },
  },
  {
    what: 'delete the account',
    make: async (url, user) => {
      const deleted = await call(url, user, '/api/deleteAccount', { currentPassword: user.password }, 'DELETE');
      expect(deleted.status).toBe(200);
    },
    check: async (urls, user) => {
      const seen = [
        ...(await views(urls, `/u/${user.username}`)),
        ...(await views(urls, `/u/${user.username}/opengraph-image`, 4)),
      ];
      const wrong = seen.filter((view) => view.status !== 404 || view.body.includes(user.email));
      expect(summary(wrong, (view) => String(view.status))).toEqual([]);
    },
  },
];

describe('a public card has one truth across processes', () => {
  let twoWorkers: RunningApp;
  let other: RunningApp;
  beforeAll(async () => {
    // One runner with two workers, and a second instance on the same database.
    [twoWorkers, other] = await Promise.all([runner({ WEB_CONCURRENCY: '2' }, 2), runner({ WEB_CONCURRENCY: '1' })]);
  }, 120_000);

  for (const change of changes) {
    it(`${change.what}: seen at once by both workers of one runner`, async () => {
      const user = await owner(twoWorkers.baseUrl);
      // Every worker has served the whole card (and would have kept a copy, if it kept copies).
      await expectShown([twoWorkers.baseUrl], user);
      await change.make(twoWorkers.baseUrl, user);
      await change.check([twoWorkers.baseUrl], user);
    }, 60_000);

    it(`${change.what}: seen at once by another instance on the same database`, async () => {
      const user = await owner(other.baseUrl);
      await expectShown([twoWorkers.baseUrl, other.baseUrl], user);
      // Made on one instance, seen on both.
      await change.make(twoWorkers.baseUrl, user);
      await change.check([other.baseUrl, twoWorkers.baseUrl], user);
    }, 60_000);
  }

  it('every change is still seen after a restart (nothing is served again from disk)', async () => {
    const single = await runner({ WEB_CONCURRENCY: '1' });
    const users = await Promise.all(changes.map(() => owner(single.baseUrl)));
    for (const user of users) await expectShown([single.baseUrl], user);
    // Each change made just before the restart, with no view in between: what the next process serves is only
    // what it reads.
    for (const [i, change] of changes.entries()) await change.make(single.baseUrl, users[i]!);
    expect(await single.stop('SIGTERM')).toBe(0);
    const again = await runner({ WEB_CONCURRENCY: '1' });
    for (const [i, change] of changes.entries()) await change.check([again.baseUrl], users[i]!);
  }, 180_000);

  it('a name with no card writes nothing under the build’s cache folder', async () => {
    const cache = path.resolve(process.env.NEXT_DIST_DIR || '.next', 'cache');
    const files = () => {
      const found = new Map<string, number>();
      const walk = (dir: string) => {
        let entries;
        try {
          entries = readdirSync(dir, { withFileTypes: true });
        } catch {
          return;
        }
        for (const entry of entries) {
          const full = path.join(dir, entry.name);
          if (entry.isDirectory()) walk(full);
          else found.set(full, statSync(full).mtimeMs);
        }
      };
      walk(cache);
      return found;
    };
    const before = files();
    const names = Array.from({ length: 20 }, () => `nobody${randomBytes(6).toString('hex')}`);
    for (const name of names) {
      expect((await send(`${twoWorkers.baseUrl}/u/${name}`, { agent: fresh })).status).toBe(404);
      expect((await send(`${other.baseUrl}/u/${name}/opengraph-image`, { agent: fresh })).status).toBe(404);
    }
    // Other test files may serve images meanwhile (Next's image cache): the card's own traces are what counts,
    // a file in the data cache (fetch-cache) or any file named after a requested name.
    const written = [...files()]
      .filter(([file, mtime]) => before.get(file) !== mtime)
      .map(([file]) => path.relative(cache, file))
      .filter((file) => file.startsWith('fetch-cache') || names.some((name) => file.includes(name)));
    expect(written).toEqual([]);
  }, 60_000);
});
