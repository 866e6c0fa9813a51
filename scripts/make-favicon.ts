/**
 * Regenerates app/favicon.ico from app/icon.svg (run after changing the icon):
 *   npx tsx scripts/make-favicon.ts
 * Renders the SVG at 16, 32 and 48 px in Chromium (the browser the tests use) and stores the
 * PNGs in one ICO file, the format browsers and tools fetch from /favicon.ico on their own.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';

const ROOT = path.resolve(__dirname, '..');
const SIZES = [16, 32, 48];

async function renderPngs(svg: string): Promise<Buffer[]> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium' });
  try {
    const pngs: Buffer[] = [];
    for (const size of SIZES) {
      const page = await browser.newPage({ viewport: { width: size, height: size } });
      await page.setContent(`<body style="margin:0">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body>`);
      pngs.push(await page.screenshot({ omitBackground: true }));
      await page.close();
    }
    return pngs;
  } finally {
    await browser.close();
  }
}

/** ICO: a 6-byte header, a 16-byte directory entry per image, then the PNG images themselves. */
function icoOf(pngs: Buffer[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(pngs.length, 4);
  let offset = 6 + 16 * pngs.length;
  const entries = pngs.map((png, i) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(SIZES[i] % 256, 0); // width (0 would mean 256)
    entry.writeUInt8(SIZES[i] % 256, 1); // height
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...pngs]);
}

async function main(): Promise<void> {
  const svg = fs.readFileSync(path.join(ROOT, 'app', 'icon.svg'), 'utf8');
  const ico = icoOf(await renderPngs(svg));
  fs.writeFileSync(path.join(ROOT, 'app', 'favicon.ico'), ico);
  console.log(`app/favicon.ico: ${SIZES.join(', ')} px, ${ico.length} bytes`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
