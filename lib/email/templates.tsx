import {
  Body,
  Button,
  Container,
  Head,
  Heading,
  Hr,
  Html,
  Link,
  Preview,
  render,
  Section,
  Text,
} from '@react-email/components';
import type { ReactNode } from 'react';
import type { MailMessage, TwoStepChange } from './kinds';
import { utcDateTime } from '../platform/dates';
import { tokenLifetimeText as lifetime } from './token-purposes';

/*
 * The app's look in mail: its colours and type, inline styles only (mail
 * clients drop stylesheets), no images or remote assets, so nothing is
 * fetched and nothing tracks the reader. The text part is rendered from the
 * same tree, so a text-only client gets every sentence and every link.
 */

const colors = { ink: '#0f172a', muted: '#475569', line: '#e2e8f0', page: '#f8fafc', brand: '#4f46e5' };
const font = 'ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

function Layout({ preview, title, children }: { preview: string; title: string; children: ReactNode }) {
  return (
    <Html lang="en">
      <Head>
        <meta name="color-scheme" content="light" />
      </Head>
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: colors.page, fontFamily: font, color: colors.ink, margin: 0, padding: '24px 0' }}>
        <Container
          style={{
            maxWidth: 520,
            backgroundColor: '#ffffff',
            border: `1px solid ${colors.line}`,
            borderRadius: 12,
            padding: 32,
          }}
        >
          <Text style={{ fontSize: 14, fontWeight: 700, color: colors.brand, margin: '0 0 16px' }}>Profile Hub</Text>
          <Heading as="h1" style={{ fontSize: 22, lineHeight: '28px', margin: '0 0 16px' }}>
            {title}
          </Heading>
          {children}
          <Hr style={{ borderColor: colors.line, margin: '24px 0 16px' }} />
          <Text style={{ fontSize: 12, color: colors.muted, margin: 0 }}>
            You get this message because of your Profile Hub account. It was sent automatically; replies are not read.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

function Paragraph({ children }: { children: ReactNode }) {
  return <Text style={{ fontSize: 15, lineHeight: '24px', margin: '0 0 16px' }}>{children}</Text>;
}

function Action({ href, label }: { href: string; label: string }) {
  return (
    <Section style={{ margin: '8px 0 16px' }}>
      <Button
        href={href}
        style={{
          backgroundColor: colors.brand,
          color: '#ffffff',
          borderRadius: 8,
          padding: '12px 20px',
          fontSize: 15,
          fontWeight: 600,
        }}
      >
        {label}
      </Button>
      <Text style={{ fontSize: 13, color: colors.muted, margin: '16px 0 0', wordBreak: 'break-all' }}>
        Or open this address: <Link href={href}>{href}</Link>
      </Text>
    </Section>
  );
}

const NOT_YOU =
  'If this was not you, reset your password now from the log-in page, then review your sessions in Settings.';

const TWO_STEP_NOTICES: Record<TwoStepChange, { subject: string; says: string }> = {
  enabled: {
    subject: 'Two-step sign-in was turned on',
    says: 'two-step sign-in is now on for your Profile Hub account: signing in asks for a code from your app.',
  },
  disabled: {
    subject: 'Two-step sign-in was turned off',
    says: 'two-step sign-in was turned off for your Profile Hub account: your password alone signs in now.',
  },
  codes_regenerated: {
    subject: 'New recovery codes were made',
    says: 'new recovery codes were made for your Profile Hub account; the old ones no longer work.',
  },
  recovery_code_used: {
    subject: 'A recovery code was used to sign in',
    says: 'one of your recovery codes was just used to sign in to your Profile Hub account.',
  },
  recovery_code_used_for_change: {
    subject: 'A recovery code was used to confirm a change',
    says: 'one of your recovery codes was just used to confirm a change to your Profile Hub account.',
  },
  passkey_added: {
    subject: 'A passkey was added',
    says: 'a new passkey was added to your Profile Hub account: it can now sign in without your password.',
  },
  passkey_removed: {
    subject: 'A passkey was removed',
    says: 'a passkey was removed from your Profile Hub account: it no longer signs in.',
  },
};

type MailContent = { subject: string; element: ReactNode };

/** One mail: its subject is also its heading; the preview is the line a mailbox shows beside it. */
function mail(subject: string, preview: string, children: ReactNode): MailContent {
  return {
    subject,
    element: (
      <Layout preview={preview} title={subject}>
        {children}
      </Layout>
    ),
  };
}

/** A notice of something done to the account: "Hello, " and what happened, then what to do if it was not the owner. */
function notice(subject: string, preview: string, says: ReactNode): MailContent {
  return mail(
    subject,
    preview,
    <>
      <Paragraph>Hello, {says}</Paragraph>
      <Paragraph>{NOT_YOU}</Paragraph>
    </>,
  );
}

function content(message: MailMessage): MailContent {
  switch (message.kind) {
    case 'verify_email':
      return mail(
        'Confirm your email address',
        'Confirm that this address is yours.',
        <>
          <Paragraph>Hello, please confirm that {message.to} is your address.</Paragraph>
          <Action href={message.link} label="Confirm my email" />
          <Paragraph>
            The link works for {lifetime('verify_email')}. If you did not sign up for Profile Hub, ignore this message.
          </Paragraph>
        </>,
      );
    case 'reset_password':
      return mail(
        'Reset your password',
        'A link to choose a new password.',
        <>
          <Paragraph>Hello, someone asked to reset the password of your Profile Hub account.</Paragraph>
          <Action href={message.link} label="Choose a new password" />
          <Paragraph>
            The link works for {lifetime('reset_password')} and only once. If you did not ask for it, ignore this
            message: your password stays as it is.
          </Paragraph>
        </>,
      );
    case 'email_changed':
      return mail(
        'Your email address was changed',
        `Your account now uses ${message.newEmail}.`,
        <>
          <Paragraph>
            Hello, your Profile Hub account now uses {message.newEmail} instead of {message.to}.
          </Paragraph>
          <Paragraph>
            If you did not make this change, undo it: the link below puts {message.to} back, signs out every session and
            asks you for a new password. It works for {lifetime('revert_email')}.
          </Paragraph>
          <Action href={message.revertLink} label="This wasn't me: restore my email" />
        </>,
      );
    case 'confirm_email_change':
      return mail(
        'Confirm your new email address',
        'Confirm that this address is yours.',
        <>
          <Paragraph>Hello, a Profile Hub account asked to use {message.to} from now on.</Paragraph>
          <Action href={message.link} label="Confirm my new email" />
          <Paragraph>
            Nothing changes until you confirm. The link works for {lifetime('change_email')} and only once. If you did
            not ask for this, ignore this message.
          </Paragraph>
        </>,
      );
    case 'email_change_requested':
      return mail(
        'Someone asked to change your email address',
        `A change of your address to ${message.newEmail} is waiting.`,
        <>
          <Paragraph>
            Hello, your Profile Hub account asked to use {message.newEmail} instead of {message.to}. Nothing changes
            unless that address confirms within {lifetime('change_email')}.
          </Paragraph>
          <Paragraph>If you did not ask for this, stop it, then change your password: someone knows it.</Paragraph>
          <Action href={message.cancelLink} label="Stop this change" />
        </>,
      );
    case 'password_changed':
      return notice(
        'Your password was changed',
        'The password of your account was changed.',
        'the password of your Profile Hub account was just changed.',
      );
    case 'username_changed':
      return notice(
        'Your username was changed',
        `Your username is now ${message.username}.`,
        `your Profile Hub username is now ${message.username}.`,
      );
    case 'two_step_changed': {
      const { subject, says } = TWO_STEP_NOTICES[message.change];
      const left =
        message.codesLeft !== undefined
          ? ` ${message.codesLeft} of your recovery codes ${message.codesLeft === 1 ? 'is' : 'are'} left.`
          : '';
      return notice(subject, says, `${says}${left}`);
    }
    case 'new_sign_in':
      return notice(
        'A new sign-in to your account',
        `Signed in from ${message.device}.`,
        `there was a new sign-in to your Profile Hub account from a device it had not seen before: ${message.device}, from the address ${message.ip || 'unknown'}.`,
      );
    case 'account_deleted':
      return mail(
        'Your account was deleted',
        'Your Profile Hub account and its data are gone.',
        <>
          <Paragraph>Hello, your Profile Hub account, its profile card, links and sessions were deleted.</Paragraph>
          <Paragraph>If this was not you, someone knew your password: change it wherever else you use it.</Paragraph>
        </>,
      );
    case 'deletion_scheduled': {
      const when = utcDateTime(message.deletesAt);
      return mail(
        'Your account will be deleted',
        `Your account will be deleted on ${when}.`,
        <>
          <Paragraph>
            Hello, your Profile Hub account is scheduled for deletion on {when}. Every session was signed out and your
            public card is hidden.
          </Paragraph>
          <Paragraph>
            Until then you can keep it: the link below cancels the deletion and leaves everything as it was.
          </Paragraph>
          <Action href={message.cancelLink} label="Keep my account" />
          <Paragraph>If this was not you, someone knew your password: keep the account, then change it.</Paragraph>
        </>,
      );
    }
    case 'data_exported':
      return notice(
        'Your data was downloaded',
        "A copy of your account's data was downloaded.",
        'a copy of everything Profile Hub keeps about your account was just downloaded.',
      );
  }
}

export type RenderedMail = { subject: string; html: string; text: string };

export async function renderMail(message: MailMessage): Promise<RenderedMail> {
  const { subject, element } = content(message);
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject, html, text };
}
