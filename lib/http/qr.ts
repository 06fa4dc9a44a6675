import 'server-only';
import QRCode from 'qrcode';

/**
 * A QR code as an SVG document, drawn on the server (no script, no request to
 * anyone): the page inlines it. Dark modules on a white quiet zone, which
 * scanners need whatever the page's colour scheme.
 */
export async function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 2,
    color: { dark: '#000000', light: '#ffffff' },
  });
}
