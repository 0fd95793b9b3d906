// Sample images with their labels, each drawn pixel for pixel into a <canvas> and scaled up
// without smoothing so small digits stay crisp.
import { useEffect, useRef } from 'react';
import type { DatasetPreviewWire } from '../../electron/contract.js';

type Sample = NonNullable<DatasetPreviewWire['images']>[number];

function SampleImage({ s }: { s: Sample }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(s.width, s.height);
    for (let p = 0; p < s.width * s.height; p++) {
      const at = p * s.channels;
      const [r, g, b] = s.channels === 3 ? [s.pixels[at]!, s.pixels[at + 1]!, s.pixels[at + 2]!] : [s.pixels[at]!, s.pixels[at]!, s.pixels[at]!];
      img.data.set([r, g, b, 255], p * 4);
    }
    ctx.putImageData(img, 0, 0);
  }, [s]);
  return (
    <figure className="sample" data-label={s.label}>
      <canvas ref={ref} width={s.width} height={s.height} aria-label={`sample labelled ${s.label}`} />
      <figcaption>{s.label}</figcaption>
    </figure>
  );
}

export function SampleGrid({ images }: { images: Sample[] }) {
  return (
    <div className="samples" data-view="samples" data-count={images.length}>
      {images.map((s, i) => (
        <SampleImage key={i} s={s} />
      ))}
    </div>
  );
}
