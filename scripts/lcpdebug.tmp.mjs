import { chromium } from '@playwright/test';
const urls = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
for (const url of urls) for (let i=0;i<3;i++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(400);
  const r = await page.evaluate(() => new Promise((resolve) => new PerformanceObserver((list) => { const es = list.getEntries(); resolve({ lcp: es.map(e => [Math.round(e.startTime), e.element?.tagName, e.element?.className, e.size, (e.element?.textContent||'').slice(0,30)]), fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime, nav: performance.getEntriesByType('navigation')[0].toJSON() }); }).observe({ type: 'largest-contentful-paint', buffered: true })));
  console.log(url.slice(-30), 'fcp', Math.round(r.fcp), JSON.stringify(r.lcp), 'resp', Math.round(r.nav.responseEnd), 'dcl', Math.round(r.nav.domContentLoadedEventEnd));
  await context.close();
}
await browser.close();
