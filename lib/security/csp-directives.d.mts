export type Directive =
  | 'default-src'
  | 'script-src'
  | 'style-src'
  | 'img-src'
  | 'font-src'
  | 'connect-src'
  | 'frame-ancestors'
  | 'base-uri'
  | 'form-action'
  | 'object-src';

export function policyWith(changes?: Partial<Record<Directive, string | null>>): string;

export const API_CONTENT_SECURITY_POLICY: string;
