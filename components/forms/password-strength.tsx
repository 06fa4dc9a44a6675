'use client';

import { useEffect, useState } from 'react';

type Strength = { score: 0 | 1 | 2 | 3 | 4 };
const LABELS = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'] as const;
const BAR = ['bg-red-600', 'bg-orange-500', 'bg-amber-500', 'bg-emerald-600', 'bg-emerald-700'] as const;

let estimator: Promise<(password: string, inputs: string[]) => Strength> | undefined;

// zxcvbn-ts and its dictionaries are large: load them only when someone starts typing a password.
function loadEstimator() {
  estimator ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common')]).then(([core, common]) => {
    const engine = new core.ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });
    return (password: string, inputs: string[]) => {
      const result = engine.check(password, inputs);
      return { score: result.score } as Strength;
    };
  });
  return estimator;
}

/** A live hint, not a rule: the schema decides what is accepted. */
export function PasswordStrength({ password, userInputs = [] }: { password: string; userInputs?: string[] }) {
  const [estimated, setEstimated] = useState<{ password: string; strength: Strength } | null>(null);
  const inputs = userInputs.filter(Boolean).join('\u0000');
  useEffect(() => {
    let cancelled = false;
    if (!password) return;
    void loadEstimator().then((estimate) => {
      if (!cancelled) setEstimated({ password, strength: estimate(password, inputs ? inputs.split('\u0000') : []) });
    });
    return () => {
      cancelled = true;
    };
  }, [password, inputs]);

  // An estimate for an older value is not shown.
  const strength = password && estimated?.password === password ? estimated.strength : null;
  if (!strength) return <span className="text-slate-600 dark:text-slate-400">Use at least 8 characters; a few unrelated words work well.</span>;
  return (
    <span className="flex items-center gap-2">
      <span aria-hidden="true" className="flex h-1.5 w-24 gap-0.5">
        {[0, 1, 2, 3, 4].map((i) => (
          <span key={i} className={`h-full flex-1 rounded ${i <= strength.score ? BAR[strength.score] : 'bg-slate-200 dark:bg-slate-700'}`} />
        ))}
      </span>
      <span className="text-slate-700 dark:text-slate-300">
        Strength: {LABELS[strength.score]}
      </span>
    </span>
  );
}
