import { Fragment } from 'react';

/**
 * An email address that wraps at sensible points on a narrow screen: after "@" and before dots first, and mid-word
 * only when one piece is still wider than the line (overflow-wrap: anywhere, not word-break: break-all).
 */
export function EmailAddress({
  email,
  className = '',
  as: Tag = 'strong',
}: {
  email: string;
  className?: string;
  as?: 'strong' | 'span';
}) {
  const pieces = email.split(/(?<=@)|(?=\.)/);
  return (
    <Tag className={`[overflow-wrap:anywhere] ${className}`}>
      {pieces.map((piece, i) => (
        <Fragment key={i}>
          {i > 0 ? <wbr /> : null}
          {piece}
        </Fragment>
      ))}
    </Tag>
  );
}
