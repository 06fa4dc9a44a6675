import { checkImagePayload, MAX_IMAGE_BYTES, sniffImageType } from '@/lib/validation/images';
import { parseWerkzeugHash } from '@/lib/auth/legacy-passwords';
import * as field from '@/lib/validation/fields';
import { eachSocialField, type SocialLinkField } from '@/lib/validation/social-networks';

/** One row of each old table, as read (every column may be NULL in the old schema). */
export type OldUser = {
  id: number;
  username: string | null;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  password: string | null;
};
export type OldCard = {
  occupation: string | null;
  homeAddress: string | null;
  country: string | null;
  county: string | null;
  image: Buffer | null;
  /** Set instead of `image` when the stored image is too big to be worth reading. */
  oversizedImageBytes?: number;
};
export type OldLinks = Record<SocialLinkField, string | null> & { description: string | null };

/** Something about one old row the import changed, or why it skipped the row. Never holds a password or hash. */
export type Issue = {
  legacyId: number;
  username: string;
  field: string;
  problem: string;
  action: string;
  skipped: boolean;
};

export type PlannedUser = {
  legacyId: number;
  user: { username: string; email: string; firstName: string; lastName: string; passwordHash: string };
  card: {
    occupation: string;
    homeAddress: string;
    country: string;
    county: string;
    image: Buffer | null;
    imageType: string;
  };
  links: Record<SocialLinkField, string> & { description: string };
};
export type Plan = { ok: true; planned: PlannedUser; issues: Issue[] } | { ok: false; issues: Issue[] };

/** What the old backend wrote into every dummy row it inserted at login: placeholders, not data. */
const CARD_PLACEHOLDERS = {
  occupation: 'May I ask you what do you do?',
  homeAddress: 'How far are you ?',
  country: 'I guess you are from Nice ?',
  county: 'France ?',
} as const;
const LOREM = /^lorem ipsum dolor sit amet\b/i;
const NETWORK_HOSTS = /^(www\.|m\.)?(linkedin|facebook|github|instagram|twitter|x|youtube)\.com$/;

/** `https://linkedin.com/` and the like: a network's front page, which says nothing about the person. */
function isBareNetworkLink(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      NETWORK_HOSTS.test(url.hostname) && (url.pathname === '/' || url.pathname === '') && !url.search && !url.hash
    );
  } catch {
    return false;
  }
}

const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;
const CONTROL_EXCEPT_WHITESPACE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

function cutToCharacters(value: string, limit: number): string {
  return Array.from(value).slice(0, limit).join('');
}

class RowPlanner {
  readonly issues: Issue[] = [];
  constructor(private readonly old: OldUser) {}

  note(fieldName: string, problem: string, action: string, skipped = false) {
    this.issues.push({
      legacyId: this.old.id,
      username: this.old.username ?? '',
      field: fieldName,
      problem,
      action,
      skipped,
    });
  }

  /** Control characters out, trimmed, cut to the limit; each change reported. */
  text(fieldName: string, raw: string | null, limit: number, options: { multiLine?: boolean } = {}): string {
    let value = raw ?? '';
    const control = options.multiLine ? CONTROL_EXCEPT_WHITESPACE : CONTROL;
    const cleaned = value.replace(control, ' ');
    if (cleaned !== value) {
      value = cleaned;
      this.note(fieldName, 'has control characters', 'replaced them with spaces');
    }
    value = options.multiLine ? value : value.trim();
    const count = field.characterCount(value);
    if (count > limit) {
      value = cutToCharacters(value, limit).trimEnd();
      this.note(fieldName, `is ${count} characters long, over the limit of ${limit}`, `cut to ${limit} characters`);
    }
    return value;
  }

  link(fieldName: string, raw: string | null): string {
    const value = this.text(fieldName, raw, 2048);
    if (value === '' || isBareNetworkLink(value)) return '';
    if (field.link.safeParse(value).success) return value;
    const withScheme = `https://${value}`;
    if (!/^[a-z][a-z0-9+.-]*:/i.test(value) && field.link.safeParse(withScheme).success && value.includes('.')) {
      this.note(fieldName, `"${value}" has no https://`, `stored as "${withScheme}"`);
      return withScheme;
    }
    this.note(fieldName, `"${cutToCharacters(value, 80)}" is not a web address`, 'left empty');
    return '';
  }

  image(card: OldCard | undefined): { image: Buffer | null; imageType: string } {
    if (card?.oversizedImageBytes) {
      this.note('image', `is ${card.oversizedImageBytes} bytes, over the limit of 2 MiB`, 'left empty');
      return { image: null, imageType: '' };
    }
    const bytes = card?.image;
    if (!bytes || bytes.length === 0) return { image: null, imageType: '' };
    const type = bytes.length <= MAX_IMAGE_BYTES ? sniffImageType(bytes) : null;
    if (type) return { image: bytes, imageType: type };
    // Some clients had the old backend store the base64 text they sent, rather than the bytes.
    const asText = checkImagePayload(bytes.toString('latin1').trim());
    if (asText.ok && asText.image) return { image: Buffer.from(asText.image.bytes), imageType: asText.image.type };
    this.note('image', `is not a whole PNG, JPEG, GIF or WebP image (${bytes.length} bytes)`, 'left empty');
    return { image: null, imageType: '' };
  }
}

/** "has space 11" → "has_space_11"; accents dropped, 3–32 of A–Z a–z 0–9 _ . -, starting with a letter or digit. */
export function validUsername(raw: string, legacyId: number): string {
  const ascii = raw.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  let name = ascii
    .trim()
    .replace(/[^A-Za-z0-9_.-]+/g, '_')
    .replace(/^[^A-Za-z0-9]+/, '');
  name = name.slice(0, 32).replace(/[_.-]+$/, '');
  if (name.length < 3) name = `user${legacyId}`;
  return name;
}

/** `base-2`, `base-3`… still at most 32 characters. */
export function usernameVariant(base: string, n: number): string {
  const suffix = `-${n}`;
  return base.slice(0, 32 - suffix.length) + suffix;
}

/**
 * The old row as Profile Hub stores it, or why it cannot be imported. Pure:
 * what depends on the target database (an address or username already taken)
 * is decided when the batch is written.
 */
export function planUser(old: OldUser, card: OldCard | undefined, links: OldLinks | undefined): Plan {
  const row = new RowPlanner(old);
  const skip = (fieldName: string, problem: string, action = 'row skipped'): Plan => {
    row.note(fieldName, problem, action, true);
    return { ok: false, issues: row.issues };
  };

  const rawEmail = (old.email ?? '').trim();
  if (!rawEmail) return skip('email', 'is empty', 'row skipped: Profile Hub accounts need an email address');
  const email = field.email.safeParse(rawEmail);
  if (!email.success)
    return skip(
      'email',
      `"${rawEmail}" is not a valid email address`,
      'row skipped: fix the address in the old database and run again',
    );
  if (email.data !== rawEmail)
    row.note('email', `"${rawEmail}" has upper-case letters`, `stored as "${email.data}" (log-in accepts either)`);

  if (!old.password) return skip('password', 'has no hash', 'row skipped: the user can sign up again');
  const hash = parseWerkzeugHash(old.password);
  if (!hash.ok) {
    return skip(
      'password',
      `hash refused: ${hash.reason}`,
      'row skipped: reset the password in the old backend and run again',
    );
  }

  const rawUsername = old.username ?? '';
  const username = validUsername(rawUsername || email.data.split('@')[0]!, old.id);
  if (username !== rawUsername) {
    const problem = rawUsername ? `"${rawUsername}" is not a valid username` : 'is empty';
    row.note('username', problem, `imported as "${username}" (the user can log in with the email address and rename)`);
  }

  const firstName = row.text('first_name', old.firstName, 64);
  const lastName = row.text('last_name', old.lastName, 64);
  if (!firstName) row.note('first_name', 'is empty', 'left empty (the user can fill it in)');
  if (!lastName) row.note('last_name', 'is empty', 'left empty (the user can fill it in)');

  const cardText = (name: keyof typeof CARD_PLACEHOLDERS, columnName: string) => {
    const value = card?.[name] ?? '';
    return value.trim() === CARD_PLACEHOLDERS[name] ? '' : row.text(columnName, value, 120);
  };
  const description = links?.description ?? '';
  const planned: PlannedUser = {
    legacyId: old.id,
    user: { username, email: email.data, firstName, lastName, passwordHash: old.password },
    card: {
      occupation: cardText('occupation', 'occupation'),
      homeAddress: cardText('homeAddress', 'homeaddress'),
      country: cardText('country', 'country'),
      county: cardText('county', 'county'),
      ...row.image(card),
    },
    links: {
      // The old column of each network is its field in lower case (linkedin, facebook, …).
      ...eachSocialField((name) => row.link(name.toLowerCase(), links?.[name] ?? null)),
      description: LOREM.test(description.trim())
        ? ''
        : row.text('description', description, field.DESCRIPTION_MAX, { multiLine: true }),
    },
  };
  return { ok: true, planned, issues: row.issues };
}
