import { BrandMark } from '@/components/brand-mark';
import type { ProfileView } from '@/lib/account/profiles';
import { SOCIAL_NETWORKS } from '@/lib/validation/social-networks';

/**
 * Only http(s) links reach the database (the schema checks); re-checked here so a bad row can never
 * become a javascript: link.
 */
function safeHref(value: string): string | null {
  // An empty field is no link: new URL('') would throw, and every thrown error captures a stack (a page with four
  // empty networks spent about 1% of its CPU there).
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

type Network = (typeof SOCIAL_NETWORKS)[number];

export function SocialLinkList({ profile }: { profile: ProfileView }) {
  return (
    <SocialLinks
      links={SOCIAL_NETWORKS.map((network) => ({ field: network.field, href: profile[network.profileKey] }))}
    />
  );
}

/** Links with the networks' marks; anything that is not an http(s) URL is dropped. */
export function SocialLinks({ links: given }: { links: { field: Network['field']; href: string }[] }) {
  const links = SOCIAL_NETWORKS.map((network) => ({
    ...network,
    href: safeHref(given.find((link) => link.field === network.field)?.href ?? ''),
  })).filter((link) => link.href);
  if (!links.length) {
    return (
      <p className="mt-2 text-slate-600 italic dark:text-slate-400">No links yet. Add where people can find you.</p>
    );
  }
  return (
    <ul className="mt-3 flex flex-wrap gap-2">
      {links.map((link) => (
        <li key={link.field}>
          <a
            href={link.href!}
            target="_blank"
            rel="noopener noreferrer"
            className="inline-flex items-center gap-2 rounded-full border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
          >
            <BrandMark network={link.field} className="size-5 shrink-0" />
            {link.label}
            <span className="sr-only"> (opens in a new tab)</span>
          </a>
        </li>
      ))}
    </ul>
  );
}
