/**
 * Renders public/icon/{16,32,48,128}.png from the SVG logo below with Chromium, so the icons in
 * the repository can always be regenerated: `npx tsx scripts/make-icons.ts`.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM } from '../tests/support/chromium';

const LOGO = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128">
  <rect width="128" height="128" rx="28" fill="#1a56db"/>
  <path d="M30 88 L54 64 L70 78 L98 44" fill="none" stroke="#fff" stroke-width="12" stroke-linecap="round" stroke-linejoin="round"/>
  <circle cx="98" cy="44" r="10" fill="#fff"/>
</svg>`;

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--headless=new'] });
const page = await browser.newPage();
for (const size of [16, 32, 48, 128]) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<style>html,body{margin:0;background:transparent}svg{width:${size}px;height:${size}px;display:block}</style>${LOGO}`,
  );
  const png = await page.screenshot({ omitBackground: true });
  writeFileSync(join(resolve(import.meta.dirname, '../public/icon'), `${size}.png`), png);
}
await browser.close();
console.log('Wrote public/icon/{16,32,48,128}.png');
