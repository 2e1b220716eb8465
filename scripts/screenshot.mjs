// Screenshots of built pages for a person to look at:
//   node scripts/screenshot.mjs <base-url> <out-dir> <path>...
// Each path is taken light and dark, narrow (390 px) and wide (1280 px).
import { chromium } from '@playwright/test';
import { mkdirSync } from 'node:fs';

const [base, out, ...paths] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
for (const path of paths) {
  for (const scheme of ['light', 'dark']) {
    for (const [name, width] of [
      ['narrow', 390],
      ['wide', 1280],
    ]) {
      const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: scheme });
      await page.goto(base + path, { waitUntil: 'networkidle' });
      const file = `${out}/${path.replace(/[^a-z0-9]+/gi, '_')}-${scheme}-${name}.png`;
      await page.screenshot({ path: file, fullPage: process.env.FULL === '1' });
      console.log(file);
      await page.close();
    }
  }
}
await browser.close();
