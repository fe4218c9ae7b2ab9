import { expect } from 'chai';
import { unzipSync, zipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { ErrorCode, listModels, loadModel, NativertError } from '@nativert/core';
import { corpusFile } from './corpus.js';
import { rejection } from '../../support/rejection.js';

type Files = Record<string, Uint8Array>;
const ROOT = 'mlp_kwargs_dict';
const text = (s: string) => new TextEncoder().encode(s);

/** Expects `p` to reject with a NativertError of `code` whose message matches every pattern. */
async function rejects(p: Promise<unknown>, code: ErrorCode, ...patterns: RegExp[]): Promise<NativertError> {
  const err = await rejection(p);
  expect(ErrorCode[err.code], err.message).to.equal(ErrorCode[code]);
  for (const re of patterns) expect(err.message).to.match(re);
  return err;
}

describe('loadModel on malformed archives', () => {
  const path = corpusFile(`${ROOT}.pt2`);
  const good = path ? new Uint8Array(readFileSync(path)) : new Uint8Array();
  /** The good archive's entries with `edit` applied, zipped again (stored unless `level`). */
  const rezip = (edit: (files: Files) => void, level: 0 | 6 = 0): Uint8Array => {
    const files = unzipSync(good);
    edit(files);
    return zipSync(files, { level });
  };
  const json = (files: Files, entry: string) => JSON.parse(new TextDecoder().decode(files[`${ROOT}/${entry}`])) as Record<string, any>;
  const setJson = (files: Files, entry: string, v: unknown) => { files[`${ROOT}/${entry}`] = text(JSON.stringify(v)); };

  before(function () {
    if (!path) this.skip();
  });

  it('rejects bytes that are not a zip', async () => {
    await rejects(loadModel(text('hello, not a zip at all, just some text that is long enough')), ErrorCode.InvalidArchive, /<buffer>/, /not a zip/);
  });

  it('rejects a truncated zip', async () => {
    await rejects(loadModel(good.subarray(0, good.length >> 1)), ErrorCode.InvalidArchive, /truncated/);
  });

  it('rejects a zip whose entry data runs past the end', async () => {
    // Keep the end records but drop bytes from the middle: offsets then point past the data.
    const cut = new Uint8Array(good.length - 600);
    cut.set(good.subarray(0, 100));
    cut.set(good.subarray(700), 100);
    await rejects(loadModel(cut), ErrorCode.InvalidArchive);
  });

  it('names the models present when the requested one is absent', async () => {
    await rejects(loadModel(good, { modelName: 'nope' }), ErrorCode.NotFound, /'nope'/, /models present: 'model'/);
  });

  it('reports a missing model JSON', async () => {
    const bytes = rezip((f) => { delete f[`${ROOT}/models/model.json`]; });
    expect(await listModels(bytes)).to.deep.equal([]);
    await rejects(loadModel(bytes), ErrorCode.NotFound, /models\/model\.json/, /models present: none/);
  });

  it('names the entry and the JSON error for invalid JSON', async () => {
    const bytes = rezip((f) => { f[`${ROOT}/models/model.json`] = text('{"graph_module": '); });
    await rejects(loadModel(bytes), ErrorCode.InvalidArchive, /models\/model\.json/, /not valid JSON/);
  });

  it('refuses an unknown schema major, naming given and supported', async () => {
    const bytes = rezip((f) => {
      const j = json(f, 'models/model.json');
      j['schema_version'] = { major: 9, minor: 1 };
      setJson(f, 'models/model.json', j);
    });
    await rejects(loadModel(bytes), ErrorCode.UnsupportedVersion, /9\.1/, /major 8/);
  });

  it('names the JSON path of an unknown argument kind', async () => {
    const bytes = rezip((f) => {
      const j = json(f, 'models/model.json');
      const input = j['graph_module']['graph']['nodes'][3]['inputs'][0];
      input.arg = { as_foo: input.arg.as_tensor };
      setJson(f, 'models/model.json', j);
    });
    await rejects(loadModel(bytes), ErrorCode.InvalidArchive, /models\/model\.json: graph_module\.graph\.nodes\[3\]\.inputs\[0\]\.arg: unknown argument kind 'as_foo'/);
  });

  it('refuses a non-pt2 archive_format and a big-endian byteorder', async () => {
    await rejects(loadModel(rezip((f) => { f[`${ROOT}/archive_format`] = text('zip'); })), ErrorCode.UnsupportedVersion, /archive_format is 'zip'/);
    await rejects(loadModel(rezip((f) => { f[`${ROOT}/byteorder`] = text('big'); })), ErrorCode.UnsupportedVersion, /byteorder is 'big'/);
    await rejects(loadModel(rezip((f) => { delete f[`${ROOT}/archive_format`]; })), ErrorCode.InvalidArchive, /archive_format/);
  });

  it('refuses entries under more than one top-level folder', async () => {
    await rejects(loadModel(rezip((f) => { f['other/x'] = text('x'); })), ErrorCode.InvalidArchive, /one top-level folder/);
  });

  it('names the weight, expected and given bytes when a weight is too small', async () => {
    const bytes = rezip((f) => { f[`${ROOT}/data/weights/weight_0`] = f[`${ROOT}/data/weights/weight_0`]!.subarray(0, 100); });
    await rejects(loadModel(bytes), ErrorCode.InvalidArchive, /'l1\.weight'/, /expected at least 512 bytes/, /given 100/);
  });

  it('refuses pickled payloads by name', async () => {
    const bytes = rezip((f) => {
      const j = json(f, 'data/weights/model_weights_config.json');
      j['config']['l2.bias']['use_pickle'] = true;
      setJson(f, 'data/weights/model_weights_config.json', j);
    });
    await rejects(loadModel(bytes), ErrorCode.UnsupportedVersion, /'l2\.bias'/, /pickled/);
  });

  it('reports a signature parameter missing from the weights config', async () => {
    const bytes = rezip((f) => {
      const j = json(f, 'data/weights/model_weights_config.json');
      delete j['config']['l1.bias'];
      setJson(f, 'data/weights/model_weights_config.json', j);
    });
    await rejects(loadModel(bytes), ErrorCode.NotFound, /parameter 'l1\.bias'/, /p_l1_bias/);
  });

  it('reads deflated and unaligned entries to the same values', async () => {
    const ref = await loadModel(good);
    for (const level of [0, 6] as const) {
      // A long extra file name shifts every later entry off its original alignment.
      const m = await loadModel(rezip((f) => { f[`${ROOT}/extra/a-name-of-odd-length.txt`] = text('x'); }, level));
      for (const [fqn, t] of ref.state) {
        expect(Array.from(m.state.get(fqn)!.toFloat64()), `${fqn} level ${level}`).to.deep.equal(Array.from(t.toFloat64()));
      }
      expect(new TextDecoder().decode(m.entries.get('extra/a-name-of-odd-length.txt')!.bytes)).to.equal('x');
    }
  });

  it('loads a second model by name from the same archive', async () => {
    const bytes = rezip((f) => {
      f[`${ROOT}/models/other.json`] = f[`${ROOT}/models/model.json`]!;
      f[`${ROOT}/data/weights/other_weights_config.json`] = f[`${ROOT}/data/weights/model_weights_config.json`]!;
    });
    expect(await listModels(bytes)).to.deep.equal(['model', 'other']);
    const m = await loadModel(bytes, { modelName: 'other' });
    expect(m.name).to.equal('other');
    expect(m.modelNames).to.deep.equal(['model', 'other']);
    expect([...m.state.keys()].sort()).to.deep.equal(['l1.bias', 'l1.weight', 'l2.bias', 'l2.weight', 'scale']);
  });

  it('reports an unreadable path as NotFound naming it', async () => {
    await rejects(loadModel('/nonexistent/dir/x.pt2'), ErrorCode.NotFound, /\/nonexistent\/dir\/x\.pt2/);
  });
});
