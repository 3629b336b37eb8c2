import { create } from 'qrcode';
import { useMemo } from 'react';

/**
 * A QR code as inline SVG, drawn from the module matrix of the `qrcode` package: no canvas, no
 * innerHTML, sharp at any print resolution, and drawn in the same render as the rest of the form.
 */
export function QrCode({ text, size }: { text: string; size: string }) {
  const { d, n } = useMemo(() => {
    const { modules } = create(text, { errorCorrectionLevel: 'M' });
    const quiet = 2;
    let path = '';
    for (let r = 0; r < modules.size; r++) {
      for (let c = 0; c < modules.size; c++) {
        if (modules.get(r, c)) path += `M${c + quiet} ${r + quiet}h1v1h-1z`;
      }
    }
    return { d: path, n: modules.size + 2 * quiet };
  }, [text]);
  return (
    <svg
      className="ff-qr"
      viewBox={`0 0 ${n} ${n}`}
      width={size}
      height={size}
      shapeRendering="crispEdges"
      role="img"
      aria-label={text}
      data-testid="ff-qr"
    >
      <rect width={n} height={n} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
