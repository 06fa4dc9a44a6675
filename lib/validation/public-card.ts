import { z } from 'zod';

/** The parts of a profile a public card can show; the last two are private unless ticked one by one. */
export const PUBLIC_CARD_PARTS = [
  { key: 'showPhoto', label: 'Photo' },
  { key: 'showName', label: 'Name' },
  { key: 'showOccupation', label: 'Occupation' },
  { key: 'showCountry', label: 'Country and county' },
  { key: 'showDescription', label: 'Description' },
  { key: 'showLinks', label: 'Social links' },
  { key: 'showHomeAddress', label: 'Home address' },
  { key: 'showEmail', label: 'Email address' },
] as const;

export type PublicCardPart = (typeof PUBLIC_CARD_PARTS)[number]['key'];
export const PUBLIC_CARD_SWITCHES = [
  'published',
  'allowSearchEngines',
  ...PUBLIC_CARD_PARTS.map((part) => part.key),
] as const;
export type PublicCardSwitch = (typeof PUBLIC_CARD_SWITCHES)[number];

const flag = (description: string) => z.boolean({ error: 'Send true or false.' }).optional().describe(description);

/** Every key optional: absent keys keep their value. */
export const publicCardSettingsSchema = z.object({
  published: flag('Publish the card at /u/{username}. Off by default; off again = 404 at once.'),
  allowSearchEngines: flag('Let search engines index the card (otherwise noindex).'),
  showPhoto: flag('Show the photo.'),
  showName: flag('Show the full name.'),
  showOccupation: flag('Show the occupation.'),
  showCountry: flag('Show the country and county.'),
  showDescription: flag('Show the description.'),
  showLinks: flag('Show the social links.'),
  showHomeAddress: flag('Show the home address (off by default).'),
  showEmail: flag('Show the email address (off by default).'),
});
export type PublicCardSettingsInput = z.infer<typeof publicCardSettingsSchema>;
export type PublicCardSettings = Required<PublicCardSettingsInput>;
