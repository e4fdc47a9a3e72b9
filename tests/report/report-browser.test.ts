/**
 * report.html as a reader's browser shows it: headless Chromium (Debian's `chromium`, driven by
 * playwright-core; `.ci/run` installs it) opens the committed sample report offline, every chart is drawn
 * with a visible size, the console stays clean, and a screenshot is kept in tests/.artifacts/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

describe('report.html in a browser', () => {
  it('shows every chart, logs no console error and loads nothing from the network', async () => {
    const profile = mkdtempSync(path.join(tmpdir(), 'stickiness-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1100, height: 900 },
    });
    try {
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('request', (request) => {
        if (!request.url().startsWith('file:')) problems.push(`network request: ${request.url()}`);
      });
      await page.goto(pathToFileURL(path.join(ROOT, 'reports/kimi-2024/report.html')).href);
      const charts = page.locator('figure.chart svg');
      const count = await charts.count();
      expect(count).toBeGreaterThan(10);
      for (let i = 0; i < count; i++) {
        const box = await charts.nth(i).boundingBox();
        expect(box?.width ?? 0, `chart ${i}`).toBeGreaterThan(100);
        expect(box?.height ?? 0, `chart ${i}`).toBeGreaterThan(30);
      }
      expect(await page.locator('h1').innerText()).toContain('Kimi');
      const artifacts = path.join(ROOT, 'tests/.artifacts');
      mkdirSync(artifacts, { recursive: true });
      await page.screenshot({ path: path.join(artifacts, 'report.png'), fullPage: true });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  }, 60_000);
});
