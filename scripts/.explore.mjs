import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu'] });
const p = await b.newPage({ viewport: { width: 1400, height: 900 } });
p.on('pageerror', e => console.log('PAGEERR', e.message));
await p.goto('http://127.0.0.1:45123/?token=tok');
await p.evaluate(() => localStorage.clear()); await p.goto('http://127.0.0.1:45123/?token=tok');
const canvas = p.locator('[data-view="canvas"]');
await p.locator('aside [data-kind="Input"]').dragTo(canvas, { targetPosition: { x: 400, y: 100 } });
await p.locator('aside [data-kind="Dense"]').dragTo(canvas, { targetPosition: { x: 400, y: 300 } });
await p.locator('aside [data-kind="Dense"]').dragTo(canvas, { targetPosition: { x: 400, y: 500 } });
await p.waitForTimeout(500);
const ids = await p.locator('[data-node-id]').evaluateAll(els => els.map(e => e.getAttribute('data-node-id') + ':' + e.getAttribute('data-kind')));
console.log(ids);
const nodes = ids.map(s => s.split(':')[0]);
async function connect(a, bb) {
  await p.locator(`[data-node-id="${a}"] .react-flow__handle.source`).dragTo(p.locator(`[data-node-id="${bb}"] .react-flow__handle.target`));
}
await connect(nodes[0], nodes[1]);
await connect(nodes[1], nodes[2]);
await p.waitForTimeout(500);
console.log('edges', await p.locator('.react-flow__edge').count());
console.log(await p.locator('[data-error]').evaluateAll(els => els.map(e => e.closest('[data-node-id]').getAttribute('data-node-id') + ' ' + e.getAttribute('data-error'))));
await p.screenshot({ path: '/tmp/e1-shot2.png' });
await p.locator(`[data-node-id="${nodes[0]}"]`).click();
await p.waitForTimeout(300);
await p.screenshot({ path: '/tmp/e1-shot3.png' });
console.log(await p.locator('aside[aria-label="Inspector"] input, aside[aria-label="Inspector"] select').evaluateAll(els => els.map(e => e.outerHTML.slice(0,200))));
await b.close();
