import { inflateSync } from 'node:zlib';
import { XMLValidator } from 'fast-xml-parser';
import type { VillageFeatureCollection } from './geo.js';

/*
 * Test support for charts: a PNG decoder (what resvg writes: 8-bit RGBA or RGB, not interlaced) so tests look at
 * the pixels of the very bytes a document would embed, and small factories of chart input.
 */

export interface Pixels {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel, rows top to bottom. */
  data: Uint8Array;
}

export function decodePng(png: Buffer): Pixels {
  if (png.toString('latin1', 1, 4) !== 'PNG') {
    throw new Error('not a PNG');
  }
  let at = 8;
  let width = 0;
  let height = 0;
  let channels = 4;
  const idat: Buffer[] = [];
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const body = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [depth, colour, , , interlace] = body.subarray(8, 13);
      if (depth !== 8 || (colour !== 6 && colour !== 2) || interlace !== 0) {
        throw new Error(`unsupported PNG: depth ${depth}, colour type ${colour}, interlace ${interlace}`);
      }
      channels = colour === 6 ? 4 : 3;
    } else if (type === 'IDAT') {
      idat.push(body);
    }
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const rows = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const left = x >= channels ? (rows[y * stride + x - channels] as number) : 0;
      const up = y > 0 ? (rows[(y - 1) * stride + x] as number) : 0;
      const upLeft = y > 0 && x >= channels ? (rows[(y - 1) * stride + x - channels] as number) : 0;
      const value = line[x] as number;
      let predicted = 0;
      if (filter === 1) {
        predicted = left;
      } else if (filter === 2) {
        predicted = up;
      } else if (filter === 3) {
        predicted = (left + up) >> 1;
      } else if (filter === 4) {
        const p = left + up - upLeft;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        predicted = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      }
      rows[y * stride + x] = (value + predicted) & 0xff;
    }
  }
  if (channels === 4) {
    return { width, height, data: rows };
  }
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    data.set(rows.subarray(i * 3, i * 3 + 3), i * 4);
    data[i * 4 + 3] = 255;
  }
  return { width, height, data };
}

/** How many pixels in the box (x, y, width, height) are clearly darker than the white paper. */
export function inkIn(image: Pixels, box?: { x: number; y: number; width: number; height: number }): number {
  const { x = 0, y = 0, width = image.width, height = image.height } = box ?? {};
  let ink = 0;
  for (let row = y; row < Math.min(y + height, image.height); row++) {
    for (let col = x; col < Math.min(x + width, image.width); col++) {
      const i = (row * image.width + col) * 4;
      const light = ((image.data[i] as number) + (image.data[i + 1] as number) + (image.data[i + 2] as number)) / 3;
      if (light < 200) {
        ink++;
      }
    }
  }
  return ink;
}

/** How many pixels differ between two images of the same size. */
export function pixelsDiffering(a: Pixels, b: Pixels): number {
  if (a.width !== b.width || a.height !== b.height) {
    throw new Error(`sizes differ: ${a.width}×${a.height} vs ${b.width}×${b.height}`);
  }
  let differing = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    if (a.data.subarray(i, i + 4).some((value, k) => value !== b.data[i + k])) {
      differing++;
    }
  }
  return differing;
}

const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

/** Names that reach Object.prototype when code keys plain objects by user text. */
export const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf', 'prev', 'next'];

/** The own properties Object.prototype gained since this module loaded (none, unless something polluted it). */
export function prototypeChanges(): string[] {
  return Object.getOwnPropertyNames(Object.prototype).filter((key) => !PROTOTYPE_KEYS.includes(key));
}

/** fast-xml-parser's verdict on an SVG document: true, or the first error. */
export function xmlProblem(svg: string): string | null {
  const result = XMLValidator.validate(svg);
  return result === true ? null : `${result.err.code}: ${result.err.msg} (line ${result.err.line})`;
}

/** Square villages in a row of `columns`, codes v01…, names given or 村1…. */
export function makeVillages(count: number, names?: readonly string[]): VillageFeatureCollection {
  const columns = Math.max(1, Math.ceil(Math.sqrt(count)));
  return {
    type: 'FeatureCollection',
    features: Array.from({ length: count }, (_, i) => {
      const lng = 120 + (i % columns) * 0.01;
      const lat = 29.3 + Math.floor(i / columns) * 0.01;
      return {
        type: 'Feature' as const,
        properties: { code: `v${String(i + 1).padStart(2, '0')}`, name: names?.[i] ?? `村${i + 1}` },
        geometry: {
          type: 'Polygon' as const,
          coordinates: [
            [
              [lng, lat],
              [lng + 0.01, lat],
              [lng + 0.01, lat + 0.01],
              [lng, lat + 0.01],
              [lng, lat],
            ] as [number, number][],
          ],
        },
      };
    }),
  };
}
