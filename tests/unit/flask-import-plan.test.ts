import { describe, expect, it } from 'vitest';
import { resolveMapping } from '@/scripts/flask-import/mapping';
import {
  planUser,
  usernameVariant,
  validUsername,
  type OldCard,
  type OldLinks,
  type OldUser,
} from '@/scripts/flask-import/plan';

const HASH = 'pbkdf2:sha256:260000$K3tWLYirubqMnLHq$aa43ef0153fa8d116926df57d387d0e94012d3723972afc958f48ff1e42677fd';
const PNG = Buffer.from(
  '89504E470D0A1A0A0000000D49484452000000080000000808020000004B6D29DC0000001149444154789C63F81C6F8015310C2D0900E5B360811B8840E40000000049454E44AE426082',
  'hex',
);
const user = (overrides: Partial<OldUser> = {}): OldUser => ({
  id: 7,
  username: 'vlad',
  email: 'vlad@example.test',
  firstName: 'Vlad',
  lastName: 'Núñez',
  password: HASH,
  ...overrides,
});
const dummyCard: OldCard = {
  occupation: 'May I ask you what do you do?',
  homeAddress: 'How far are you ?',
  country: 'I guess you are from Nice ?',
  county: 'France ?',
  image: Buffer.alloc(0),
};
const dummyLinks: OldLinks = {
  linkedIn: 'https://linkedin.com/',
  faceBook: 'https://facebook.com/',
  gitHub: 'https://github.com/',
  instagram: 'https://instagram.com/',
  twitter: 'https://twitter.com/',
  youtube: 'https://youtube.com/',
  description:
    'Lorem ipsum dolor sit amet, consectetur adipiscing elit. Sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.',
};

function planned(...args: Parameters<typeof planUser>) {
  const plan = planUser(...args);
  if (!plan.ok) throw new Error(`skipped: ${JSON.stringify(plan.issues)}`);
  return plan;
}

describe('planUser', () => {
  it('empties the dummy texts and bare network links the old backend inserted at every login, silently', () => {
    const plan = planned(user(), dummyCard, dummyLinks);
    expect(plan.issues).toEqual([]);
    expect(plan.planned.card).toEqual({
      occupation: '',
      homeAddress: '',
      country: '',
      county: '',
      image: null,
      imageType: '',
    });
    expect(Object.values(plan.planned.links).every((value) => value === '')).toBe(true);
  });

  it('keeps real data as it is, the hash untouched', () => {
    const plan = planned(
      user(),
      { occupation: 'Nurse', homeAddress: 'Strada 1', country: 'Romania', county: 'Timiș', image: PNG },
      {
        ...dummyLinks,
        gitHub: 'https://github.com/vlad',
        linkedIn: 'https://www.linkedin.com/in/vlad',
        description: 'Hi,\nI am Vlad.',
      },
    );
    expect(plan.issues).toEqual([]);
    expect(plan.planned.user).toEqual({
      username: 'vlad',
      email: 'vlad@example.test',
      firstName: 'Vlad',
      lastName: 'Núñez',
      passwordHash: HASH,
    });
    expect(plan.planned.card).toMatchObject({ occupation: 'Nurse', county: 'Timiș', imageType: 'image/png' });
    expect(plan.planned.links).toMatchObject({
      gitHub: 'https://github.com/vlad',
      linkedIn: 'https://www.linkedin.com/in/vlad',
      faceBook: '',
      description: 'Hi,\nI am Vlad.',
    });
  });

  it('lower-cases the email, repairs the username, cuts over-long fields, and says so', () => {
    const plan = planned(
      user({ email: 'Vlad@Example.TEST', username: 'has space 11', firstName: 'V'.repeat(70) }),
      {
        ...dummyCard,
        occupation: 'x'.repeat(130),
        county: 'Cluj\tNapoca',
      },
      undefined,
    );
    expect(plan.planned.user).toMatchObject({
      email: 'vlad@example.test',
      username: 'has_space_11',
      firstName: 'V'.repeat(64),
    });
    expect(plan.planned.card).toMatchObject({ occupation: 'x'.repeat(120), county: 'Cluj Napoca' });
    expect(plan.issues.map((issue) => [issue.field, issue.action])).toEqual([
      ['email', 'stored as "vlad@example.test" (log-in accepts either)'],
      ['username', 'imported as "has_space_11" (the user can log in with the email address and rename)'],
      ['first_name', 'cut to 64 characters'],
      ['occupation', 'cut to 120 characters'],
      ['county', 'replaced them with spaces'],
    ]);
    expect(plan.issues.every((issue) => !issue.skipped && issue.legacyId === 7)).toBe(true);
  });

  it('keeps an image stored as base64 text, drops one that is not an image', () => {
    const asText = planned(
      user(),
      { ...dummyCard, image: Buffer.from(`data:image/png;base64,${PNG.toString('base64')}`) },
      undefined,
    );
    expect(asText.planned.card).toMatchObject({ imageType: 'image/png', image: PNG });
    const svg = planned(
      user(),
      { ...dummyCard, image: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') },
      undefined,
    );
    expect(svg.planned.card.image).toBeNull();
    expect(svg.issues).toEqual([expect.objectContaining({ field: 'image', action: 'left empty' })]);
    const huge = planned(user(), { ...dummyCard, image: null, oversizedImageBytes: 5_000_000 }, undefined);
    expect(huge.issues).toEqual([
      expect.objectContaining({ field: 'image', problem: 'is 5000000 bytes, over the limit of 2 MiB' }),
    ]);
  });

  it('adds https:// to a bare address and empties what is no web address', () => {
    const plan = planned(user(), undefined, {
      ...dummyLinks,
      gitHub: 'github.com/vlad',
      twitter: 'javascript:alert(1)',
    });
    expect(plan.planned.links).toMatchObject({ gitHub: 'https://github.com/vlad', twitter: '' });
    expect(plan.issues.map((issue) => [issue.field, issue.action])).toEqual([
      ['github', 'stored as "https://github.com/vlad"'],
      ['twitter', 'left empty'],
    ]);
  });

  it.each([
    [{ email: null }, 'email', /is empty/],
    [{ email: 'not-an-address' }, 'email', /not a valid email address/],
    [{ password: null }, 'password', /has no hash/],
    [{ password: 'pbkdf2:sha256:1000000000$salt$' + 'a'.repeat(64) }, 'password', /absurd cost/],
    [{ password: '$2b$12$abcdefghijklmnopqrstuv' }, 'password', /hash refused/],
  ] as const)('skips a row with %o, saying why', (overrides, fieldName, problem) => {
    const plan = planUser(user(overrides as Partial<OldUser>), undefined, undefined);
    expect(plan.ok).toBe(false);
    expect(plan.issues.at(-1)).toMatchObject({
      field: fieldName,
      skipped: true,
      problem: expect.stringMatching(problem),
    });
    expect(plan.issues.at(-1)!.action).toMatch(/^row skipped/);
  });
});

describe('usernames', () => {
  it.each([
    ['has space 11', 'has_space_11'],
    ['José María', 'Jose_Maria'],
    ['__x', 'user5'],
    ['.dot.start', 'dot.start'],
    ['a'.repeat(40), 'a'.repeat(32)],
    ['名前', 'user5'],
  ])('%s → %s', (raw, expected) => {
    expect(validUsername(raw, 5)).toBe(expected);
  });
  it('variants stay within 32 characters', () => {
    expect(usernameVariant('vlad', 2)).toBe('vlad-2');
    expect(usernameVariant('a'.repeat(32), 12)).toBe(`${'a'.repeat(29)}-12`);
  });
});

describe('mapping', () => {
  it('applies renames over the Flask-SQLAlchemy defaults', () => {
    const mapping = resolveMapping({ user: { table: 'accounts', columns: { password: 'pw_hash' } } });
    expect(mapping.user).toMatchObject({ table: 'accounts', columns: { password: 'pw_hash', email: 'email' } });
    expect(mapping.profile_card.table).toBe('profile_card');
  });
});
