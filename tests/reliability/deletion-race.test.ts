import { describe, expect, it } from 'vitest';
import { api, signedUpUser } from '../support/api';

describe('writes racing an account deletion', () => {
  it('answer 200 (before) or 401 (the session is gone), never 404 or 5xx', async () => {
    const statuses: number[] = [];
    for (let round = 0; round < 8; round++) {
      const user = await signedUpUser();
      const writes = Array.from({ length: 6 }, (_, index) =>
        api('/api/setContactDetail', { token: user.token, json: { occupation: `Job ${index}` } }),
      );
      const deletion = api('/api/deleteAccount', {
        method: 'DELETE',
        token: user.token,
        json: { currentPassword: user.password },
      });
      const links = Array.from({ length: 2 }, () =>
        api('/api/setSocialLink', { token: user.token, json: { gitHub: 'https://github.com/ada' } }),
      );
      expect((await deletion).status).toBe(200);
      statuses.push(...(await Promise.all([...writes, ...links])).map((response) => response.status));
    }
    expect(statuses.filter((status) => status !== 200 && status !== 401)).toEqual([]);
  });
});
