// Usage: node latency.mjs <watch url> <seconds> [screenshot path]
// Opens the edge's player page in headless Debian chromium (fresh profile), waits for playback, then samples
// twice a second the latency the page shows (wall clock minus hls.js playingDate, i.e. the program date-time
// of the frame on screen, stamped at ingest arrival) and video.currentTime. Prints one JSON line.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [url, secondsArg, screenshot] = process.argv.slice(2);
const seconds = Math.min(Number(secondsArg || 25), 120);
const profile = mkdtempSync(join(tmpdir(), 'edge-bench-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--no-first-run', '--autoplay-policy=no-user-gesture-required'],
  viewport: { width: 1024, height: 720 },
});
const result = { url, seconds, samples: [] };
const percentile = (sorted, p) => sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] : null;
try {
  const page = context.pages()[0] ?? await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => document.querySelector('video').currentTime > 0 && window.__edgePlayer?.latency != null,
    null, { timeout: 20000 });
  for (let i = 0; i < seconds * 2; i++) {
    result.samples.push(await page.evaluate(() => ({
      currentTime: document.querySelector('video').currentTime,
      latency: window.__edgePlayer.latency,
      buffered: (() => { const v = document.querySelector('video'); return v.buffered.length ? v.buffered.end(v.buffered.length - 1) - v.currentTime : 0; })(),
    })));
    await page.waitForTimeout(500);
  }
  result.errors = await page.evaluate(() => window.__edgePlayer?.errors ?? []);
  result.targetLatency = await page.evaluate(() => window.__hls?.targetLatency ?? null);
  if (screenshot) await page.screenshot({ path: screenshot });
} catch (e) {
  result.failure = String(e);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
const latencies = result.samples.map(s => s.latency).filter(v => typeof v === 'number').sort((a, b) => a - b);
result.latency = { count: latencies.length, min: latencies[0] ?? null, p50: percentile(latencies, 0.5), p95: percentile(latencies, 0.95), max: latencies.at(-1) ?? null };
const t = result.samples.map(s => s.currentTime);
result.playedSeconds = t.length > 1 ? t.at(-1) - t[0] : 0;
console.log(JSON.stringify(result));
