// Draws resources/icon.png (512×512): an indigo rounded square with a white voice-wave motif,
// the same drawing as resources/icon.svg. Plain Node (zlib) so it needs no image tools:
//   node resources/generate-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const CORNER = 112;
const TOP = [0x5c, 0x7c, 0xfa]; // Mantine indigo.5
const BOTTOM = [0x3b, 0x5b, 0xdb]; // Mantine indigo.8
/** Five bars of a voice wave, centred: [centre x, height]. */
const BAR_WIDTH = 40;
const BARS = [
  [144, 120],
  [200, 232],
  [256, 312],
  [312, 232],
  [368, 120],
];
const SAMPLES = 4; // 4×4 supersampling for smooth edges

function insideRoundedRect(x, y, left, top, right, bottom, radius) {
  const cx = Math.min(Math.max(x, left + radius), right - radius);
  const cy = Math.min(Math.max(y, top + radius), bottom - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

function insideBar(x, y) {
  return BARS.some(([cx, height]) =>
    insideRoundedRect(
      x,
      y,
      cx - BAR_WIDTH / 2,
      SIZE / 2 - height / 2,
      cx + BAR_WIDTH / 2,
      SIZE / 2 + height / 2,
      BAR_WIDTH / 2,
    ),
  );
}

const pixels = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  const row = y * (SIZE * 4 + 1);
  pixels[row] = 0; // PNG filter: none
  const t = y / (SIZE - 1);
  const base = TOP.map((top, i) => top + (BOTTOM[i] - top) * t);
  for (let x = 0; x < SIZE; x++) {
    let square = 0;
    let bar = 0;
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const px = x + (sx + 0.5) / SAMPLES;
        const py = y + (sy + 0.5) / SAMPLES;
        if (insideRoundedRect(px, py, 0, 0, SIZE, SIZE, CORNER)) {
          square++;
          if (insideBar(px, py)) bar++;
        }
      }
    }
    const total = SAMPLES * SAMPLES;
    const alpha = square / total;
    const white = square === 0 ? 0 : bar / square;
    const offset = row + 1 + x * 4;
    for (let i = 0; i < 3; i++) pixels[offset + i] = Math.round(base[i] + (255 - base[i]) * white);
    pixels[offset + 3] = Math.round(alpha * 255);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // colour type: RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(pixels, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
console.log(`resources/icon.png: ${SIZE}×${SIZE}, ${png.length} bytes`);
