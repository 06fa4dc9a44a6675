import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';

const CONTROL =
  'block w-full rounded-lg border bg-white px-3 py-2 text-base text-slate-900 placeholder:text-slate-500 shadow-sm transition-colors dark:bg-slate-900 dark:text-slate-100 dark:placeholder:text-slate-400 aria-invalid:border-red-600 dark:aria-invalid:border-red-400 border-slate-300 dark:border-slate-600';

type Common = { label: string; error?: string; hint?: ReactNode; status?: ReactNode };

function describedBy(ids: (string | false | undefined)[]) {
  return ids.filter(Boolean).join(' ') || undefined;
}

type ControlProps = {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
  className: string;
};

/** Label, control and notes; the control gets the ids that tie its hint, status and error to it. */
function FieldFrame({
  label,
  error,
  hint,
  status,
  id,
  children,
}: Common & { id?: string; children: (control: ControlProps) => ReactNode }) {
  const generated = useId();
  const inputId = id ?? generated;
  return (
    <div className="space-y-1">
      <label htmlFor={inputId} className="block text-sm font-medium text-slate-800 dark:text-slate-200">
        {label}
      </label>
      {children({
        id: inputId,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy([
          hint !== undefined && `${inputId}-hint`,
          status !== undefined && `${inputId}-status`,
          error && `${inputId}-error`,
        ]),
        className: CONTROL,
      })}
      <FieldNotes id={inputId} error={error} hint={hint} status={status} />
    </div>
  );
}

/** A control's props, split into what its frame shows and what goes on the control itself. */
function splitFrame<P extends Common & { id?: string }>({ label, error, hint, status, id, ...control }: P) {
  return [{ label, error, hint, status, id }, control] as const;
}

/** A labelled input whose error and hint are tied to it (aria-describedby / aria-invalid). */
export function Field(props: Common & InputHTMLAttributes<HTMLInputElement>) {
  const [frame, rest] = splitFrame(props);
  return <FieldFrame {...frame}>{(control) => <input {...control} {...rest} />}</FieldFrame>;
}

export function TextArea({ className = '', ...props }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const [frame, rest] = splitFrame(props);
  return (
    <FieldFrame {...frame}>
      {(control) => <textarea {...control} {...rest} className={`${control.className} min-h-28 ${className}`} />}
    </FieldFrame>
  );
}

export function SelectField({ children, ...props }: Common & SelectHTMLAttributes<HTMLSelectElement>) {
  const [frame, rest] = splitFrame(props);
  return (
    <FieldFrame {...frame}>
      {(control) => (
        <select {...control} {...rest}>
          {children}
        </select>
      )}
    </FieldFrame>
  );
}

function FieldNotes({ id, error, hint, status }: { id: string } & Omit<Common, 'label'>) {
  return (
    <>
      {hint !== undefined ? (
        <p id={`${id}-hint`} className="text-sm text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      ) : null}
      {status !== undefined ? (
        <p id={`${id}-status`} aria-live="polite" className="text-sm">
          {status}
        </p>
      ) : null}
      <p id={`${id}-error`} aria-live="polite" className="text-sm font-medium text-red-700 dark:text-red-300">
        {error}
      </p>
    </>
  );
}
