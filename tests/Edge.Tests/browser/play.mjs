// Usage: node play.mjs <watch url> <screenshot path> <seconds>
// Opens the player in headless Debian chromium, samples video.currentTime and the page's latency,
// saves a screenshot and prints one JSON line with the measurements.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [url, screenshot, secondsArg] = process.argv.slice(2);
const seconds = Number(secondsArg || 10);
const profile = mkdtempSync(join(tmpdir(), 'edge-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--no-first-run', '--autoplay-policy=no-user-gesture-required'],
  viewport: { width: 1024, height: 720 },
});
const result = { samples: [], console: [] };
try {
  const page = context.pages()[0] ?? await context.newPage();
  page.on('console', m => { if (result.console.length < 50) result.console.push(m.type() + ': ' + m.text()); });
  page.on('pageerror', e => result.console.push('pageerror: ' + e.message));
  await page.goto(url);
  result.mse = await page.evaluate(() => window.MediaSource?.isTypeSupported('video/mp4; codecs="avc1.64001e,mp4a.40.2"') ?? false);
  await page.waitForFunction(() => document.querySelector('video').currentTime > 0, null, { timeout: 15000 });
  for (let i = 0; i <= seconds * 2; i++) {
    result.samples.push(await page.evaluate(() => ({
      t: performance.now() / 1000,
      currentTime: document.querySelector('video').currentTime,
      latency: window.__edgePlayer?.latency ?? null,
      shown: document.getElementById('latency').textContent,
      rendition: document.getElementById('rendition').textContent,
    })));
    await page.waitForTimeout(500);
  }
  result.errors = await page.evaluate(() => window.__edgePlayer?.errors ?? []);
  await page.screenshot({ path: screenshot });
} catch (e) {
  result.failure = String(e);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(JSON.stringify(result));
