import { ImageResponse } from 'next/og';
import { loadPublicCard } from '@/lib/account/public-cards';

export const alt = 'A Profile Hub card';
export const size = { width: 1200, height: 630 };
export const contentType = 'image/png';
// Drawn per request from the card as it is now (see page.tsx): never a stored image of a withdrawn card.
export const dynamic = 'force-dynamic';

// The share image: the same published parts as the page, nothing more.
export default async function Image({ params }: { params: Promise<{ username: string }> }) {
  const { username } = await params;
  const card = await loadPublicCard(username);
  if (!card) return new Response('Not found', { status: 404 });
  const title = card.name ?? `@${card.username}`;
  // Satori draws PNG and JPEG; other photo types are left out rather than broken.
  const photo =
    card.photo && ['image/png', 'image/jpeg'].includes(card.photo.type)
      ? `data:${card.photo.type};base64,${card.photo.base64}`
      : null;
  return new ImageResponse(
    <div
      style={{
        display: 'flex',
        width: '100%',
        height: '100%',
        alignItems: 'center',
        gap: 64,
        padding: 80,
        background: '#f8fafc',
        color: '#0f172a',
      }}
    >
      {photo ? (
        <img src={photo} alt="" width={320} height={320} style={{ borderRadius: 9999, objectFit: 'cover' }} />
      ) : null}
      <div style={{ display: 'flex', flexDirection: 'column', gap: 16, flex: 1 }}>
        <div style={{ fontSize: 72, fontWeight: 700, lineHeight: 1.1 }}>{title}</div>
        {card.occupation ? <div style={{ fontSize: 40, color: '#334155' }}>{card.occupation}</div> : null}
        {card.country ? <div style={{ fontSize: 32, color: '#475569' }}>{card.country}</div> : null}
        <div style={{ fontSize: 28, color: '#4338ca', marginTop: 24 }}>{`Profile Hub · @${card.username}`}</div>
      </div>
    </div>,
    size,
  );
}
