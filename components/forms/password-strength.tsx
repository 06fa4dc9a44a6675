'use client';

import { useEffect, useState } from 'react';
import { useWatch, type Control, type FieldValues, type Path } from 'react-hook-form';
import {
  PASSWORD_IS_COMMON,
  PASSWORD_IS_IDENTITY,
  PASSWORD_MAX,
  PASSWORD_MIN as MIN,
  PASSWORD_TOO_LONG,
  passwordMatchesIdentity,
} from '@/lib/validation/password-rules';
import { characterCount } from '@/lib/validation/text';

type Score = 0 | 1 | 2 | 3 | 4;
const LABELS = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'] as const;
const BAR = ['bg-red-600', 'bg-orange-500', 'bg-amber-500', 'bg-emerald-600', 'bg-emerald-700'] as const;

type Estimator = { score: (password: string, inputs: string[]) => Score; isCommon: (password: string) => boolean };
let estimator: Promise<Estimator> | undefined;

// zxcvbn-ts and its dictionaries (with the leaked-password list) are large: they load only once someone types a
// password, never with the page. The server keeps its own copy (lib/validation/common-passwords.ts, server-only) and
// has the last word; the list here only lets the hint give the same verdict before the form is sent.
function loadEstimator() {
  estimator ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common')]).then(
    ([core, common]) => {
      const leaked = new Set((common.dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
      const engine = new core.ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });
      return {
        score: (password: string, inputs: string[]) => engine.check(password, inputs).score as Score,
        isCommon: (password: string) => leaked.has(password.toLowerCase()),
      };
    },
  );
  return estimator;
}

/** The form's own verdict first: a password the schema refuses gets the schema's reason, never a strength. */
function refusal(password: string, identity: { username?: string; email?: string }): string | null {
  // The schema's own bounds, counted as zod counts them (UTF-16 units).
  if (password.length < MIN) return `Too short: at least ${MIN} characters (${characterCount(password)} so far).`;
  if (password.length > PASSWORD_MAX) return PASSWORD_TOO_LONG;
  if (passwordMatchesIdentity(password, identity)) return PASSWORD_IS_IDENTITY;
  return null;
}

/** A live hint that agrees with the form: refused passwords show why; accepted ones show how strong they are. */
export function PasswordStrength({
  password,
  identity = {},
  userInputs = [],
}: {
  password: string;
  identity?: { username?: string; email?: string };
  userInputs?: string[];
}) {
  const [estimated, setEstimated] = useState<{ password: string; score: Score; common: boolean } | null>(null);
  const inputs = userInputs.filter(Boolean).join('\u0000');
  useEffect(() => {
    let cancelled = false;
    if (!password) return;
    void loadEstimator().then((estimate) => {
      if (cancelled) return;
      const score = estimate.score(password, inputs ? inputs.split('\u0000') : []);
      setEstimated({ password, score, common: estimate.isCommon(password) });
    });
    return () => {
      cancelled = true;
    };
  }, [password, inputs]);

  if (!password)
    return (
      <span className="text-slate-600 dark:text-slate-400">
        Use at least {MIN} characters; a few unrelated words work well.
      </span>
    );
  const refused = refusal(password, identity);
  if (refused) return <span className="text-slate-700 dark:text-slate-300">{refused}</span>;
  // An estimate for an older value is not shown.
  const current = estimated?.password === password ? estimated : null;
  if (current?.common) return <span className="text-slate-700 dark:text-slate-300">{PASSWORD_IS_COMMON}</span>;
  const score = current ? current.score : null;
  if (score === null) return <span className="text-slate-600 dark:text-slate-400">Checking how strong it is…</span>;
  return (
    <span className="flex items-center gap-2">
      <span aria-hidden="true" className="flex h-1.5 w-24 gap-0.5">
        {[0, 1, 2, 3, 4].map((i) => (
          <span
            key={i}
            className={`h-full flex-1 rounded ${i <= score ? BAR[score] : 'bg-slate-200 dark:bg-slate-700'}`}
          />
        ))}
      </span>
      <span className="text-slate-700 dark:text-slate-300">Strength: {LABELS[score]}</span>
    </span>
  );
}

/**
 * Watches only the password (and the identity fields) of a react-hook-form form, so typing re-renders this hint,
 * not the whole form.
 */
export function WatchedPasswordStrength<Values extends FieldValues>({
  control,
  name,
  identityFields = [],
  identity = [],
}: {
  control: Control<Values>;
  name: Path<Values>;
  identityFields?: Path<Values>[];
  /** Known identity of a signed-in person: username first, then email, then anything else. */
  identity?: string[];
}) {
  const password = (useWatch({ control, name }) as string | undefined) ?? '';
  const watched = (useWatch({ control, name: identityFields }) as (string | undefined)[]).map((v) => v ?? '');
  const [username, email] = identityFields.length ? watched : identity;
  return <PasswordStrength password={password} identity={{ username, email }} userInputs={[...watched, ...identity]} />;
}
