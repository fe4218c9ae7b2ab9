import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './support/native-libs.js';

const FIXTURES = join(REPO_ROOT, 'tests', 'fixtures', 'models', 'torch-2.13');

describe('nativert-sdk: the corpus the kit carries', function () {
  this.timeout(60_000);

  it('packs the small torch-2.13 models into the published package as kit-corpus/', () => {
    const kit = join(REPO_ROOT, 'sdk', 'kit-corpus');
    try {
      const out = execFileSync('npm', ['pack', '-w', '@nativert/sdk', '--dry-run', '--json'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      const packed = (JSON.parse(out) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path).filter((p) => p.startsWith('kit-corpus/'));
      expect(packed.sort()).to.deep.equal(readdirSync(FIXTURES).map((f) => `kit-corpus/${f}`).sort());
    } finally {
      rmSync(kit, { recursive: true, force: true });
    }
  });
});
