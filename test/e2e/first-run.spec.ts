// A responsive first run: from the Train click to the first batch drawn on the loss chart,
// for the XOR template, measured in the page (reported, not asserted: the machine decides),
// and the dashboard saying what the job is doing while it waits.
import type { Page } from '@playwright/test';
import { expect, openTemplate, snap, test } from './fixtures.js';

/** Clicks Train and resolves with the milliseconds until the loss chart draws its first
 *  point, and every text the dashboard's phase line showed meanwhile. */
async function clickToFirstBatch(page: Page): Promise<{ ms: number; phases: string[] }> {
  return page.evaluate(
    () =>
      new Promise<{ ms: number; phases: string[] }>((resolve, reject) => {
        const phases: string[] = [];
        const train = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === '▶Train');
        if (!train) return reject(new Error('no Train button'));
        const t0 = performance.now();
        train.click();
        const poll = () => {
          const chart = document.querySelector('[data-chart="loss"]');
          const line = document.querySelector('.phase-line')?.textContent;
          if (line && phases.at(-1) !== line) phases.push(line);
          if (chart && Number(chart.getAttribute('data-drawn')) > 0) resolve({ ms: performance.now() - t0, phases });
          else if (performance.now() - t0 > 60_000) reject(new Error('no batch drawn within 60 s'));
          else setTimeout(poll, 5);
        };
        poll();
      }),
  );
}

test('XOR: time from the Train click to the first batch drawn', async ({ app: page }, info) => {
  await openTemplate(page, 'xor', 3);
  const times: number[] = [];
  const seen: string[][] = [];
  for (let i = 0; i < 2; i++) {
    await page.getByRole('tab', { name: 'Editor' }).click();
    const { ms, phases } = await clickToFirstBatch(page);
    times.push(ms);
    seen.push(phases);
    // The wait was never silent: the phase line named what the job was doing.
    expect(phases.length, 'phase texts while waiting').toBeGreaterThan(0);
    for (const p of phases) expect(p).toMatch(/^(Starting the training process|Loading dataset 'xor'|Starting the (\w+ )?backend|Building the model on \w+|Training the first batches)/);
    await expect(page.locator('[data-training-state]')).toHaveAttribute('data-training-state', 'finished', { timeout: 60_000 });
    // The run's last batch is on the chart: 200 epochs of one batch each.
    await expect(page.locator('[data-chart="loss"]')).toHaveAttribute('data-last-step', '200');
    await page.waitForTimeout(1500);
  }
  const line = `click → first batch drawn (XOR template): first Train ${Math.round(times[0]!)} ms, second ${Math.round(times[1]!)} ms`;
  console.log(line);
  console.log(`phases seen: ${seen.map((p) => p.join(' → ')).join(' | ')}`);
  info.annotations.push({ type: 'timing', description: line });
  await snap(page, info, 'xor-finished');

  // A run whose length is no multiple of the batch events' stride (every 10th): its last
  // batch is drawn all the same. And the phase line, as a teacher sees it, while it starts.
  const epochs = page.locator('[data-training="epochs"]');
  await epochs.fill('195');
  await epochs.press('Tab');
  const phase = page.locator('.phase-line');
  // A prewarmed worker can draw its first batch within a few hundred ms: the phase line is
  // caught in the page, and photographed if it is still there.
  await page.getByRole('tab', { name: 'Editor' }).click();
  const third = clickToFirstBatch(page);
  if (await phase.isVisible()) await snap(page, info, 'phase-line');
  expect((await third).phases.length, 'phase texts while waiting').toBeGreaterThan(0);
  await expect(page.locator('[data-training-state]')).toHaveAttribute('data-training-state', 'finished', { timeout: 60_000 });
  await expect(page.locator('[data-chart="loss"]')).toHaveAttribute('data-last-step', '195');
  await expect(phase).toHaveCount(0);
  await snap(page, info, 'last-batch-drawn');
});
