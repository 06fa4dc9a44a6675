'use client';

import { useEffect, useState } from 'react';
import { useWatch, type Control, type FieldValues, type Path } from 'react-hook-form';
import { installCommonPasswords } from '@/lib/validation/common-passwords';
import { characterCount, password as passwordRule, passwordMatchesIdentity, PASSWORD_IS_IDENTITY } from '@/lib/validation/fields';

type Score = 0 | 1 | 2 | 3 | 4;
const LABELS = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'] as const;
const BAR = ['bg-red-600', 'bg-orange-500', 'bg-amber-500', 'bg-emerald-600', 'bg-emerald-700'] as const;
const MIN = 8;

let estimator: Promise<(password: string, inputs: string[]) => Score> | undefined;

// zxcvbn-ts and its dictionaries (with the leaked-password list) are large: they load only once someone types a
// password, never with the page. Once here, the list also lets the form refuse common passwords before the server does.
function loadEstimator() {
  estimator ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common')]).then(([core, common]) => {
    installCommonPasswords(common.dictionary['passwords-common'] as string[]);
    const engine = new core.ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });
    return (password: string, inputs: string[]) => engine.check(password, inputs).score as Score;
  });
  return estimator;
}

/** The form's own verdict first: a password the schema refuses gets the schema's reason, never a strength. */
function refusal(password: string, identity: { username?: string; email?: string }): string | null {
  const length = characterCount(password);
  if (length < MIN) return `Too short: at least ${MIN} characters (${length} so far).`;
  const parsed = passwordRule.safeParse(password);
  if (!parsed.success) return parsed.error.issues[0]?.message ?? 'This password is not accepted.';
  if (passwordMatchesIdentity(password, identity)) return PASSWORD_IS_IDENTITY;
  return null;
}

/** A live hint that agrees with the form: refused passwords show why; accepted ones show how strong they are. */
export function PasswordStrength({ password, identity = {}, userInputs = [] }: {
  password: string;
  identity?: { username?: string; email?: string };
  userInputs?: string[];
}) {
  const [estimated, setEstimated] = useState<{ password: string; score: Score } | null>(null);
  const inputs = userInputs.filter(Boolean).join('\u0000');
  useEffect(() => {
    let cancelled = false;
    if (!password) return;
    void loadEstimator().then((estimate) => {
      if (!cancelled) setEstimated({ password, score: estimate(password, inputs ? inputs.split('\u0000') : []) });
    });
    return () => {
      cancelled = true;
    };
  }, [password, inputs]);

  if (!password) return <span className="text-slate-600 dark:text-slate-400">Use at least {MIN} characters; a few unrelated words work well.</span>;
  const refused = refusal(password, identity);
  if (refused) return <span className="text-slate-700 dark:text-slate-300">{refused}</span>;
  // An estimate for an older value is not shown.
  const score = estimated?.password === password ? estimated.score : null;
  if (score === null) return <span className="text-slate-600 dark:text-slate-400">Checking how strong it is…</span>;
  return (
    <span className="flex items-center gap-2">
      <span aria-hidden="true" className="flex h-1.5 w-24 gap-0.5">
        {[0, 1, 2, 3, 4].map((i) => (
          <span key={i} className={`h-full flex-1 rounded ${i <= score ? BAR[score] : 'bg-slate-200 dark:bg-slate-700'}`} />
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
export function WatchedPasswordStrength<Values extends FieldValues>({ control, name, identityFields = [], identity = [] }: {
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
