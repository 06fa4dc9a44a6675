import { apiAs } from './api';
import { expectNoSeriousA11yViolations, expectNoSidewaysScroll } from './a11y-scan';
import { expect, test } from './fixtures';

// Country: a searchable list that takes any text; county: that country's ISO 3166-2 subdivisions, else free text.

test('pick a country, then its county from the list; both saved and shown', async ({ page, signedIn, request }) => {
  await page.goto('/profile/edit');
  const form = page.getByRole('form', { name: 'Contact details' });
  const country = form.getByRole('combobox', { name: 'Country' });
  await expect(country).toHaveAttribute('list', /.+/);
  await country.fill('Romania');
  const county = form.getByLabel('County');
  await expect(county).toHaveJSProperty('tagName', 'SELECT');
  await county.selectOption('Argeș');
  await expectNoSidewaysScroll(page);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status')).toHaveText('Contact details saved.');

  const profile = await (await (await apiAs(request, signedIn)).get('/api/getProfile')).json();
  expect([profile.Country, profile.County]).toEqual(['Romania', 'Argeș']);
  await page.reload();
  await expect(form.getByLabel('Country')).toHaveValue('Romania');
  await expect(form.getByLabel('County')).toHaveValue('Argeș');
});

test('old free-text values the lists do not know are kept and shown as typed', async ({ page, signedIn, request }) => {
  const api = await apiAs(request, signedIn);
  await api.post('/api/setContactDetail', { country: 'Narnia', county: 'Cair Paravel' });
  await page.goto('/profile/edit');
  const form = page.getByRole('form', { name: 'Contact details' });
  await expect(form.getByLabel('Country')).toHaveValue('Narnia');
  await expect(form.getByText('Not in the list of countries: kept as you typed it.')).toBeVisible();
  await expect(form.getByLabel('County')).toHaveJSProperty('tagName', 'INPUT');
  await expect(form.getByLabel('County')).toHaveValue('Cair Paravel');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status')).toHaveText('Contact details saved.');
  const profile = await (await api.get('/api/getProfile')).json();
  expect([profile.Country, profile.County]).toEqual(['Narnia', 'Cair Paravel']);
});

test('a known country with an unknown county keeps the county as entered', async ({ page, signedIn, request }) => {
  const api = await apiAs(request, signedIn);
  await api.post('/api/setContactDetail', { country: 'Romania', county: 'Atlantis' });
  await page.goto('/profile/edit');
  const form = page.getByRole('form', { name: 'Contact details' });
  const county = form.getByLabel('County');
  await expect(county).toHaveJSProperty('tagName', 'SELECT');
  await expect(county).toHaveValue('Atlantis');
  await expect(county.locator('option:checked')).toHaveText('Atlantis (as entered)');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status')).toHaveText('Contact details saved.');
  expect((await (await api.get('/api/getProfile')).json()).County).toBe('Atlantis');
});

test('another name of a country and a variant spelling of a county are recognised', async ({
  page,
  signedIn,
  request,
}) => {
  const api = await apiAs(request, signedIn);
  await api.post('/api/setContactDetail', { country: 'USA', county: 'california' });
  await page.goto('/profile/edit');
  const form = page.getByRole('form', { name: 'Contact details' });
  await expect(form.getByLabel('Country')).toHaveValue('USA');
  await expect(form.getByText('Recognised as United States of America.')).toBeVisible();
  await expect(form.getByLabel('County')).toHaveValue('California');
});

test('keyboard only: type a country, Tab to the county, choose with arrow keys', async ({
  page,
  signedIn: _signedIn,
}) => {
  await page.goto('/profile/edit');
  const form = page.getByRole('form', { name: 'Contact details' });
  await form.getByLabel('Country').focus();
  await page.keyboard.type('France');
  await expect(form.getByLabel('County')).toHaveJSProperty('tagName', 'SELECT');
  await page.keyboard.press('Tab');
  await expect(form.getByLabel('County')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(form.getByLabel('County')).not.toHaveValue('');
});

for (const scheme of ['light', 'dark'] as const) {
  test(`pickers pass axe in ${scheme} mode, with no sideways scroll`, async ({ page, signedIn, request }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await (
      await apiAs(request, signedIn)
    ).post('/api/setContactDetail', { country: 'United Kingdom', county: 'Nowhere in particular' });
    await page.goto('/profile/edit');
    await expect(page.getByLabel('County')).toHaveJSProperty('tagName', 'SELECT');
    await expectNoSidewaysScroll(page);
    await expectNoSeriousA11yViolations(page);
  });
}
