import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { baseUrl } from '../support/api';

/**
 * An old client of the Flask backend, written as those clients were: JSON
 * bodies, the session code read from `message` at login and sent back as a
 * bare `Authorization` header, profile keys read as the old backend named
 * them. Nothing is Profile Hub-specific but the base URL it is given.
 */
class OldFlaskClient {
  private code = '';
  constructor(private readonly base: string) {}

  private async call(method: 'GET' | 'POST', endpoint: string, body?: Record<string, string>) {
    const headers: Record<string, string> = {};
    if (body) headers['Content-Type'] = 'application/json';
    if (this.code) headers.Authorization = this.code;
    const response = await fetch(`${this.base}/${endpoint}`, {
      method,
      headers,
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, json: (await response.json()) as Record<string, string> };
  }

  createAccount(details: Record<string, string>) {
    return this.call('POST', 'creare-cont', details);
  }
  async login(email: string, password: string) {
    const answer = await this.call('POST', 'login', { email, password });
    this.code = answer.json.message ?? '';
    return answer;
  }
  getProfile() {
    return this.call('GET', 'getProfile');
  }
  setContactDetail(details: Record<string, string>) {
    return this.call('POST', 'setContactDetail', details);
  }
  setSocialLink(links: Record<string, string>) {
    return this.call('POST', 'setSocialLink', links);
  }
}

describe('an old Flask client, pointed at Profile Hub', () => {
  it('signs up, logs in, reads, updates contact details and links, and reads again', async () => {
    const client = new OldFlaskClient(`${baseUrl()}/api`);
    const username = `old${randomBytes(4).toString('hex')}`;
    const email = `${username}@flask-client.example`;
    const password = 'Old client passphrase 1';

    const created = await client.createAccount({ email, password, firstName: 'Ana', lastName: 'Pop', username });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ username, email });

    const loggedIn = await client.login(email, password);
    expect(loggedIn.status).toBe(200);
    expect(loggedIn.json.message).toMatch(/^[A-Za-z0-9_-]{22,}$/);

    const first = await client.getProfile();
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({
      FullName: 'Ana Pop',
      Username: username,
      Email: email,
      Occupation: '',
      LinkedIn: '',
      Image: '',
    });

    const contact = await client.setContactDetail({
      occupation: 'Nurse',
      homeAddress: 'Strada Lalelelor 1',
      country: 'Romania',
      county: 'Cluj',
    });
    expect(contact.status).toBe(200);
    expect(contact.json).toMatchObject({
      Occupation: 'Nurse',
      HomeAddress: 'Strada Lalelelor 1',
      Country: 'Romania',
      County: 'Cluj',
    });

    const links = await client.setSocialLink({ gitHub: 'https://github.com/anapop', description: 'Hi, I am Ana.' });
    expect(links.status).toBe(200);
    expect(links.json).toMatchObject({
      GitHub: 'https://github.com/anapop',
      Description: 'Hi, I am Ana.',
      Occupation: 'Nurse',
    });

    const again = await client.getProfile();
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({
      FullName: 'Ana Pop',
      Occupation: 'Nurse',
      HomeAddress: 'Strada Lalelelor 1',
      Country: 'Romania',
      County: 'Cluj',
      GitHub: 'https://github.com/anapop',
      Description: 'Hi, I am Ana.',
      LinkedIn: '',
    });
  });
});
