import { siFacebook, siGithub, siInstagram, siX, siYoutube } from 'simple-icons';
import type { SOCIAL_NETWORKS } from '@/lib/validation/social-networks';

type Network = (typeof SOCIAL_NETWORKS)[number]['field'];

// Simple Icons (CC0 data; each brand's own guidelines still apply): drawn in one colour (currentColor), unaltered, as
// GitHub, X, Meta and YouTube allow for links to a profile. LinkedIn is not in Simple Icons since v14: LinkedIn's
// terms forbid third-party use of its logo, so its link gets a neutral glyph (our own drawing) beside its name.
const MARKS: Record<Exclude<Network, 'linkedIn'>, { path: string }> = {
  faceBook: siFacebook,
  gitHub: siGithub,
  instagram: siInstagram,
  twitter: siX,
  youtube: siYoutube,
};

// A briefcase: "work profile", not any brand's mark.
const WORK_PROFILE =
  'M9 3a2 2 0 0 0-2 2v1H4a2 2 0 0 0-2 2v4h20V8a2 2 0 0 0-2-2h-3V5a2 2 0 0 0-2-2H9Zm0 2h6v1H9V5ZM2 14v5a2 2 0 0 0 2 2h16a2 ' +
  '2 0 0 0 2-2v-5h-8v1a1 1 0 0 1-1 1h-2a1 1 0 0 1-1-1v-1H2Z';

/** The network's mark, decorative: the link it sits in carries the network's name as text. */
export function BrandMark({ network, className = 'size-4' }: { network: Network; className?: string }) {
  const path = network === 'linkedIn' ? WORK_PROFILE : MARKS[network].path;
  return (
    <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="currentColor" className={className}>
      <path d={path} />
    </svg>
  );
}
