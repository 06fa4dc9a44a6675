/** The six networks: the API/form field name, the profile key, the label people see. */
export const SOCIAL_NETWORKS = [
  { field: 'linkedIn', profileKey: 'LinkedIn', label: 'LinkedIn', placeholder: 'https://www.linkedin.com/in/you' },
  { field: 'faceBook', profileKey: 'FaceBook', label: 'Facebook', placeholder: 'https://www.facebook.com/you' },
  { field: 'gitHub', profileKey: 'GitHub', label: 'GitHub', placeholder: 'https://github.com/you' },
  { field: 'instagram', profileKey: 'Instagram', label: 'Instagram', placeholder: 'https://www.instagram.com/you' },
  { field: 'twitter', profileKey: 'Twitter', label: 'Twitter', placeholder: 'https://x.com/you' },
  { field: 'youtube', profileKey: 'Youtube', label: 'YouTube', placeholder: 'https://www.youtube.com/@you' },
] as const;

export type SocialLinkField = (typeof SOCIAL_NETWORKS)[number]['field'];
export type SocialProfileKey = (typeof SOCIAL_NETWORKS)[number]['profileKey'];

/** One value per network, keyed by its field: `eachSocialField(() => "")`, or read from a profile by its key. */
export function eachSocialField<V>(value: (field: SocialLinkField, profileKey: SocialProfileKey) => V) {
  return Object.fromEntries(
    SOCIAL_NETWORKS.map((network) => [network.field, value(network.field, network.profileKey)]),
  ) as Record<SocialLinkField, V>;
}
