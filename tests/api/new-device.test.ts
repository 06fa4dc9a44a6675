import { describe, expect, inject, it } from 'vitest';
import { api, signedUpUser, type TestUser } from '../support/api';
import { mailsTo, waitForMail } from '../support/mail-catcher';

const mailDir = () => inject('mailDir');
const NEW_SIGN_IN = /A new sign-in to your account/;
const FIREFOX_ON_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:131.0) Gecko/20100101 Firefox/131.0';

async function eventTypes(user: TestUser) {
  const activity = await api<{ events: { type: string }[] }>('/api/activity', { token: user.token });
  return activity.body.events.map((event) => event.type);
}

describe('a sign-in from a device never seen before', () => {
  it('mails the owner with the device and address and is recorded; a known device (valid device token) is not', async () => {
    const user = await signedUpUser();
    const before = (await eventTypes(user)).filter((type) => type === 'new_device_sign_in').length;

    // Someone with the password, on a machine that holds no device token for this account.
    const stranger = await api<{ deviceToken: string }>('/api/login', {
      json: { email: user.email, password: user.password },
      headers: { 'user-agent': FIREFOX_ON_WINDOWS },
    });
    expect(stranger.status).toBe(200);
    const types = await eventTypes(user);
    expect(types.filter((type) => type === 'new_device_sign_in').length).toBe(before + 1);
    await waitForMail(mailDir(), user.email, NEW_SIGN_IN);
    await expect
      .poll(
        async () =>
          (await mailsTo(mailDir(), user.email)).some(
            (mail) =>
              NEW_SIGN_IN.test(mail.subject) &&
              mail.text.includes('Firefox on Windows') &&
              mail.text.includes('127.0.0.1'),
          ),
        { timeout: 20_000 },
      )
      .toBe(true);

    // That client signs in again with its device token: known, no new notice.
    const again = await api('/api/login', {
      json: { email: user.email, password: user.password },
      headers: { 'user-agent': FIREFOX_ON_WINDOWS, 'x-device-token': stranger.body.deviceToken },
    });
    expect(again.status).toBe(200);
    const after = await eventTypes(user);
    expect(after.filter((type) => type === 'new_device_sign_in').length).toBe(before + 1);
    expect(after.filter((type) => type === 'login_success').length).toBe(
      types.filter((type) => type === 'login_success').length + 1,
    );

    // A device token issued for another account counts as no token.
    const other = await signedUpUser();
    const otherLogin = await api<{ deviceToken: string }>('/api/login', {
      json: { email: other.email, password: other.password },
    });
    await api('/api/login', {
      json: { email: user.email, password: user.password },
      headers: { 'x-device-token': otherLogin.body.deviceToken },
    });
    expect((await eventTypes(user)).filter((type) => type === 'new_device_sign_in').length).toBe(before + 2);
    expect((await mailsTo(mailDir(), user.email)).some((mail) => NEW_SIGN_IN.test(mail.subject))).toBe(true);
  });
});
