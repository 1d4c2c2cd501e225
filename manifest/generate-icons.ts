import { PNG } from 'pngjs';
import { ACCENT_COLOR } from './build-manifest';

/**
 * Draws the two Teams icons in code so the repository never ships downloaded artwork: a speech bubble
 * (a council talking) with a check mark (a decision taken). Shapes are described in unit coordinates
 * (0..1) and rasterised with 4×4 supersampling so the 32 px outline stays smooth.
 */

type Point = readonly [number, number];
type Shape = (x: number, y: number) => boolean;

const SUPERSAMPLE = 4;

function roundedRect(x0: number, y0: number, x1: number, y1: number, r: number): Shape {
  return (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
}

function triangle(a: Point, b: Point, c: Point): Shape {
  const sign = (p: Point, q: Point, x: number, y: number) => (x - q[0]) * (p[1] - q[1]) - (p[0] - q[0]) * (y - q[1]);
  return (x, y) => {
    const d1 = sign(a, b, x, y);
    const d2 = sign(b, c, x, y);
    const d3 = sign(c, a, x, y);
    const neg = d1 < 0 || d2 < 0 || d3 < 0;
    const pos = d1 > 0 || d2 > 0 || d3 > 0;
    return !(neg && pos);
  };
}

function thickSegment(a: Point, b: Point, halfWidth: number): Shape {
  return (x, y) => {
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const t = Math.max(0, Math.min(1, ((x - a[0]) * dx + (y - a[1]) * dy) / (dx * dx + dy * dy)));
    const px = a[0] + t * dx;
    const py = a[1] + t * dy;
    return (x - px) ** 2 + (y - py) ** 2 <= halfWidth * halfWidth;
  };
}

const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.some((s) => s(x, y));

function hexToRgb(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
}

/** Fraction of each pixel covered by `shape`, by supersampling. */
function coverage(size: number, shape: Shape): Float64Array {
  const out = new Float64Array(size * size);
  const n = SUPERSAMPLE;
  for (let py = 0; py < size; py++)
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let sy = 0; sy < n; sy++)
        for (let sx = 0; sx < n; sx++) if (shape((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size)) hits++;
      out[py * size + px] = hits / (n * n);
    }
  return out;
}

const check = (halfWidth: number): Shape =>
  union(thickSegment([0.36, 0.44], [0.46, 0.54], halfWidth), thickSegment([0.46, 0.54], [0.65, 0.33], halfWidth));

/** 192×192 full-colour icon: white bubble with a blue check on the region blue. */
export function colorIconPng(size = 192): Buffer {
  const [br, bg, bb] = hexToRgb(ACCENT_COLOR);
  const bubble = coverage(size, union(roundedRect(0.18, 0.2, 0.82, 0.66, 0.1), triangle([0.28, 0.6], [0.46, 0.6], [0.24, 0.82])));
  const mark = coverage(size, check(0.035));
  const png = new PNG({ width: size, height: size });
  for (let i = 0; i < size * size; i++) {
    // White where the bubble is, blue where the check cuts through it.
    const white = bubble[i]! * (1 - mark[i]!);
    png.data[i * 4] = Math.round(br + (255 - br) * white);
    png.data[i * 4 + 1] = Math.round(bg + (255 - bg) * white);
    png.data[i * 4 + 2] = Math.round(bb + (255 - bb) * white);
    png.data[i * 4 + 3] = 255;
  }
  return PNG.sync.write(png);
}

/** 32×32 outline icon: white strokes on a transparent background, as Teams requires. */
export function outlineIconPng(size = 32): Buffer {
  const outer = union(roundedRect(0.06, 0.1, 0.94, 0.72, 0.16), triangle([0.2, 0.66], [0.44, 0.66], [0.14, 0.94]));
  const inner = roundedRect(0.14, 0.18, 0.86, 0.64, 0.1);
  const ring: Shape = (x, y) => outer(x, y) && !inner(x, y);
  const alpha = coverage(size, union(ring, check(0.045)));
  const png = new PNG({ width: size, height: size });
  for (let i = 0; i < size * size; i++) {
    png.data[i * 4] = 255;
    png.data[i * 4 + 1] = 255;
    png.data[i * 4 + 2] = 255;
    png.data[i * 4 + 3] = Math.round(255 * alpha[i]!);
  }
  return PNG.sync.write(png);
}
