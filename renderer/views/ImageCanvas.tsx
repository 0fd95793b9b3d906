// One image drawn pixel for pixel into a canvas and scaled up without smoothing.
import { useEffect, useRef } from 'react';
import { toRgba } from './pixels.js';

export function ImageCanvas(props: { values: ArrayLike<number>; h: number; w: number; c?: number; size?: number; range?: [number, number]; label?: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const { values, h, w, c = 1, range } = props;
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(w, h);
    img.data.set(toRgba(values, h, w, c, range));
    ctx.putImageData(img, 0, 0);
  }, [values, h, w, c, range]);
  const size = props.size ?? 84;
  return <canvas ref={ref} width={w} height={h} style={{ width: size, height: (size * h) / w, imageRendering: 'pixelated' }} aria-label={props.label} role={props.label ? 'img' : undefined} />;
}
