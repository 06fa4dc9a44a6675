import { randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';
import { startLocalServer } from './local-server';

/** A person at the test provider: the claims it vouches for. */
export type ProviderPerson = {
  sub: string;
  email: string;
  email_verified: boolean;
  given_name: string;
  family_name: string;
  preferred_username: string;
};

export function newPerson(overrides: Partial<ProviderPerson> = {}): ProviderPerson {
  const id = randomBytes(5).toString('hex');
  return {
    sub: `sub-${id}`,
    email: `idp${id}@example.test`,
    email_verified: true,
    given_name: 'Katherine',
    family_name: 'Johnson',
    preferred_username: `kj${id}`,
    ...overrides,
  };
}

/**
 * A certified OpenID provider (oidc-provider) on a loopback port, with one confidential client for the app.
 * Its interaction logs in, without a form, whoever the test named with `signInAs`, and consents at once.
 */
export async function startOidcProvider(options: { port: number; redirectUri: string }) {
  const issuer = `http://127.0.0.1:${options.port}`;
  const clientId = 'profile-hub-e2e';
  const clientSecret = randomBytes(24).toString('base64url');
  const people = new Map<string, ProviderPerson>();
  let next: ProviderPerson | null = null;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
      },
    ],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['given_name', 'family_name', 'preferred_username'],
    },
    findAccount: (_ctx, id) => {
      const person = people.get(id);
      return person ? { accountId: id, claims: () => ({ ...person }) } : undefined;
    },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
  });

  const callback = provider.callback();
  const server = await startLocalServer(options.port, async (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return callback(req, res);
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name === 'login') {
      if (!next) throw new Error('the test did not say who signs in at the provider (signInAs)');
      people.set(next.sub, next);
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: next.sub } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    const grant = new provider.Grant({
      accountId: details.session!.accountId,
      clientId: String(details.params.client_id),
    });
    grant.addOIDCScope(String(details.params.scope));
    await provider.interactionFinished(
      req,
      res,
      { consent: { grantId: await grant.save() } },
      { mergeWithLastSubmission: true },
    );
  });

  return {
    issuer,
    clientId,
    clientSecret,
    /** The person the next login at the provider is. */
    signInAs(person: ProviderPerson) {
      next = person;
    },
    stop: server.stop,
  };
}
