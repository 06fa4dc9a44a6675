'use client';

import { useEffect, useId, useState } from 'react';
import { useWatch, type UseFormReturn } from 'react-hook-form';
import { Field, SelectField } from '@/components/ui/field';
import { COUNTRIES, findCountry, findSubdivision, loadSubdivisions } from '@/lib/account/places';

import type { ActionFieldProps as FieldProps } from './use-action-form';

type PlaceValues = { country: string; county: string };

/**
 * Country: a searchable box (a native <input list>) over the ISO 3166-1 names that also takes anything typed.
 * County: a <select> of that country's ISO 3166-2 subdivisions once the country is one the list knows and has some;
 * otherwise free text. A stored value the lists do not know is kept and shown as typed, never dropped.
 */
export function PlaceFields({
  form,
  country,
  county,
}: {
  form: UseFormReturn<PlaceValues>;
  country: FieldProps;
  county: FieldProps;
}) {
  const listId = useId();
  const { control } = form;
  const countryText =
    (useWatch({ control, name: 'country' }) as string | undefined) ?? String(country.defaultValue ?? '');
  const countyText = (useWatch({ control, name: 'county' }) as string | undefined) ?? String(county.defaultValue ?? '');
  const known = findCountry(countryText);
  const [subdivisions, setSubdivisions] = useState<{ code: string; names: string[] } | null>(null);

  useEffect(() => {
    if (!known) return;
    let cancelled = false;
    void loadSubdivisions(known.code).then((names) => {
      if (!cancelled) setSubdivisions({ code: known.code, names });
    });
    return () => {
      cancelled = true;
    };
  }, [known]);

  const names = known && subdivisions?.code === known.code ? subdivisions.names : null;
  const countryHint = !countryText.trim()
    ? 'Start typing to search the list.'
    : known
      ? known.name === countryText.trim()
        ? undefined
        : `Recognised as ${known.name}.`
      : 'Not in the list of countries: kept as you typed it.';

  return (
    <>
      <Field
        label="Country"
        list={listId}
        autoComplete="country-name"
        placeholder="Which country?"
        hint={countryHint}
        {...country}
      />
      <datalist id={listId}>
        {COUNTRIES.map((c) => (
          <option key={c.code} value={c.name} />
        ))}
      </datalist>
      {names && names.length > 0 ? (
        <CountySelect
          names={names}
          current={countyText}
          field={county}
          countryName={known!.name}
          adoptListedSpelling={(name) => form.setValue('county', name)}
        />
      ) : (
        <Field label="County" placeholder="County or region" autoComplete="address-level1" {...county} />
      )}
    </>
  );
}

function CountySelect({
  names,
  current,
  field,
  countryName,
  adoptListedSpelling,
}: {
  names: string[];
  current: string;
  field: FieldProps;
  countryName: string;
  adoptListedSpelling: (name: string) => void;
}) {
  const listed = findSubdivision(names, current);
  const asTyped = current.trim() && !listed ? current : null;
  // A typed variant of a listed name ("arges") is shown, and saved, with the list's spelling ("Argeș").
  useEffect(() => {
    if (listed && listed !== current) adoptListedSpelling(listed);
  }, [listed, current, adoptListedSpelling]);
  return (
    <SelectField
      label="County"
      autoComplete="address-level1"
      hint={asTyped ? `“${asTyped}” is not a subdivision of ${countryName} we know: kept as you typed it.` : undefined}
      {...field}
      defaultValue={listed ?? current}
    >
      <option value="">Choose…</option>
      {asTyped ? <option value={asTyped}>{asTyped} (as entered)</option> : null}
      {names.map((name) => (
        <option key={name} value={name}>
          {name}
        </option>
      ))}
    </SelectField>
  );
}
