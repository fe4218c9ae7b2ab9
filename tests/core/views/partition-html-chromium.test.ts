import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PartitionView } from '@nativert/core';
import { ModelRunner, buildPartitionView, loadModel, renderPartitionHtml } from '@nativert/core';
import { MODEL_FIXTURES, REPO_ROOT } from '../../e2e/paths.js';
import { recordingLogger } from '../partition/toy-delegate.js';
import { ClaimingDelegate } from './claiming-delegate.js';
import { ACCEL_OPS } from './cnn-partition.js';
import { decodePng } from './png.js';
import { tempDir } from '../../support/temp-dir.js';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = join(REPO_ROOT, 'docs', 'partition-view.png');

/** cnn_small on mtia-stub + interpreter, or on a claiming test delegate when mtia-stub does not load. */
async function screenshotView(): Promise<PartitionView> {
  const model = await loadModel(join(MODEL_FIXTURES, 'torch-2.13', 'cnn_small.pt2'));
  const title = "Partition of model 'model' of cnn_small.pt2";
  try {
    const runner = await ModelRunner.load(model, { delegates: ['@nativert/mtia-stub', '@nativert/interpreter'], logger: recordingLogger() });
    const report = runner.partitionReport;
    await runner.dispose();
    if (report.delegates.some((d) => d.delegate === 'mtia-stub')) return buildPartitionView(model.program, report, title);
  } catch {
    // mtia-stub not built here: fall through to the test delegate.
  }
  const runner = await ModelRunner.load(model, { delegates: [new ClaimingDelegate('accel', ACCEL_OPS), '@nativert/interpreter'] });
  const view = buildPartitionView(model.program, runner.partitionReport, title);
  await runner.dispose();
  return view;
}

/** Runs headless Chromium on `url` with `extra` flags (a fresh profile, no network services). */
function chromium(url: string, ...extra: string[]) {
  const profile = tempDir('nrt-chromium-');
  return spawnSync(CHROMIUM, [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', `--user-data-dir=${profile}`, ...extra, url,
  ], { encoding: 'utf8', timeout: 90_000, maxBuffer: 64 << 20 });
}

/** `#rrggbb` as numbers. */
const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

describe('partition view HTML in headless Chromium', function () {
  this.timeout(180_000);
  let view: PartitionView;
  let page: string;
  before(async function () {
    if (!existsSync(CHROMIUM)) {
      console.log(`      (skipped: ${CHROMIUM} is absent; apt-get install -y chromium to run these checks)`);
      this.skip();
    }
    view = await screenshotView();
    page = join(tempDir('nrt-view-'), 'partition.html');
    writeFileSync(page, renderPartitionHtml(view));
  });

  it('loads, runs its script and keeps every node in the DOM', () => {
    const r = chromium(`file://${page}`, '--dump-dom');
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout).to.contain(`data-view-ready="${view.nodes.length}"`);
    for (const n of view.nodes) expect(r.stdout).to.contain(`data-id="${n.id}"`);
  });

  it('renders the graph in each delegate colour (screenshot at 1400x900)', () => {
    const png = join(tempDir('nrt-shot-'), 'partition-view.png');
    const r = chromium(`file://${page}`, `--screenshot=${png}`, '--window-size=1400,900');
    expect(r.status, r.stderr).to.equal(0);
    const image = decodePng(readFileSync(png));
    expect([image.width, image.height]).to.deep.equal([1400, 900]);
    for (const d of view.delegates) {
      const want = rgb(d.color);
      let count = 0;
      for (let y = 0; y < image.height; y += 2) {
        for (let x = 0; x < image.width; x += 2) {
          const p = image.rgba(x, y);
          if (want.every((c, i) => Math.abs(c - p[i]!) <= 3)) count++;
        }
      }
      // A node box is 150x36 px; sampling every other pixel, one box gives ~1350 hits.
      expect(count, `pixels of ${d.delegate} (${d.color})`).to.be.greaterThan(1000);
    }
    if (process.env['NATIVERT_UPDATE_SCREENSHOT']) copyFileSync(png, SCREENSHOT);
  });
});

describe('committed partition view screenshot', () => {
  it('docs/partition-view.png is a 1400x900 PNG under 300 KB', () => {
    expect(statSync(SCREENSHOT).size).to.be.below(300 * 1024);
    const image = decodePng(readFileSync(SCREENSHOT));
    expect([image.width, image.height]).to.deep.equal([1400, 900]);
  });
});
