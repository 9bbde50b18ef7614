// Writes the installable app's PNG icons (client/public/icons) from the favicon's drawing: a teal tile
// with two people. Run once when the drawing changes; the PNGs are committed. Only node's zlib is used.
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const TEAL = [0x0c, 0x85, 0x99];
const WHITE = [0xff, 0xff, 0xff];
const SAMPLES = 4;

/** The favicon's shapes on its 64-unit grid; `inset` shrinks them into a maskable icon's safe zone. */
function isWhite(x, y) {
  const inCircle = (cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  const inDome = (cx, base, rx, ry) => y <= base && ((x - cx) / rx) ** 2 + ((y - base) / ry) ** 2 <= 1;
  return inCircle(24, 24, 8) || inCircle(42, 28, 6) || inDome(24, 52, 14, 16) || inDome(43, 52, 11, 13);
}

function inRoundedTile(x, y, radius) {
  const cx = Math.min(Math.max(x, radius), 64 - radius);
  const cy = Math.min(Math.max(y, radius), 64 - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius * radius;
}

function pixels(size, { maskable }) {
  const data = Buffer.alloc(size * (size * 4 + 1));
  const scale = maskable ? 0.7 : 1;
  for (let row = 0; row < size; row += 1) {
    data[row * (size * 4 + 1)] = 0;
    for (let column = 0; column < size; column += 1) {
      let tile = 0;
      let white = 0;
      for (let sy = 0; sy < SAMPLES; sy += 1) {
        for (let sx = 0; sx < SAMPLES; sx += 1) {
          const x = ((column + (sx + 0.5) / SAMPLES) / size) * 64;
          const y = ((row + (sy + 0.5) / SAMPLES) / size) * 64;
          if (!(maskable || inRoundedTile(x, y, 14))) continue;
          tile += 1;
          if (isWhite(32 + (x - 32) / scale, 32 + (y - 32) / scale)) white += 1;
        }
      }
      const share = white / Math.max(tile, 1);
      const offset = row * (size * 4 + 1) + 1 + column * 4;
      for (let channel = 0; channel < 3; channel += 1) data[offset + channel] = Math.round(TEAL[channel] + (WHITE[channel] - TEAL[channel]) * share);
      data[offset + 3] = Math.round((255 * tile) / (SAMPLES * SAMPLES));
    }
  }
  return data;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, body) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), body]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

function png(size, options) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels(size, options), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const folder = new URL('../client/public/icons/', import.meta.url);
mkdirSync(folder, { recursive: true });
writeFileSync(new URL('icon-192.png', folder), png(192, { maskable: false }));
writeFileSync(new URL('icon-512.png', folder), png(512, { maskable: false }));
writeFileSync(new URL('icon-maskable-512.png', folder), png(512, { maskable: true }));
writeFileSync(new URL('apple-touch-icon-180.png', folder), png(180, { maskable: true }));
