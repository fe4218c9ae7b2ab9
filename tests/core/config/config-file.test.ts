import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE_NAME, ErrorCode, NativertError, findConfigFile, mergeConfig, readConfigFile, runnerOptionsFromConfig, validateConfig } from '@nativert/core';
import { tempDir } from '../../support/temp-dir.js';

function configDir(json: unknown): { dir: string; file: string } {
  const dir = tempDir('nrt-config-');
  const file = join(dir, CONFIG_FILE_NAME);
  writeFileSync(file, typeof json === 'string' ? json : JSON.stringify(json));
  return { dir, file };
}

function invalid(json: unknown): NativertError {
  try {
    validateConfig(json, 'cfg.json');
  } catch (e) {
    expect(e).to.be.instanceOf(NativertError);
    expect((e as NativertError).code).to.equal(ErrorCode.InvalidArgument);
    return e as NativertError;
  }
  throw new Error('expected validateConfig to throw');
}

describe('nativert.config.json', () => {
  const full = {
    delegates: ['mtia-stub', 'interpreter'], strict: true, threads: 2, placement: { relu: 'interpreter' },
    pluginOptions: { 'mtia-stub': { failAt: 'execute' } }, opFilters: { 'mtia-stub': { allow: ['aten.conv*'], deny: ['aten.relu.default'] } }, allowNativeCode: true,
  };

  it('is found in the directory and read back with every field', () => {
    const { dir, file } = configDir(full);
    expect(findConfigFile(dir)).to.equal(file);
    expect(findConfigFile(tempDir('nrt-empty-'))).to.equal(undefined);
    expect(readConfigFile(file)).to.deep.equal(full);
  });

  it('becomes RunnerOptions with plugin packages for known delegate names', () => {
    const opts = runnerOptionsFromConfig(validateConfig(full, 'cfg.json'));
    expect(opts.delegates).to.deep.equal(['@nativert/mtia-stub', '@nativert/interpreter']);
    expect(opts.order).to.deep.equal(['mtia-stub', 'interpreter']);
    expect(opts).to.include({ strict: true, threads: 2, allowNativeCode: true });
    expect(opts.opFilters).to.deep.equal(full.opFilters);
    expect(opts.placement).to.deep.equal({ relu: 'interpreter' });
  });

  it('rejects wrong types naming the file, the field and what was given', () => {
    expect(invalid({ delegates: 'interpreter' }).message).to.equal("cfg.json: field 'delegates' must be an array of non-empty strings, given string \"interpreter\"");
    expect(invalid({ threads: 0 }).message).to.match(/cfg\.json: field 'threads' must be a positive integer, given number 0/);
    expect(invalid({ strict: 'yes' }).message).to.match(/field 'strict' must be true or false/);
    expect(invalid({ placement: { relu: 3 } }).message).to.match(/field 'placement\.relu' must be a delegate name, given number 3/);
    expect(invalid({ pluginOptions: { 'mtia-stub': [] } }).message).to.match(/field 'pluginOptions\.mtia-stub' must be an object, given an array/);
    expect(invalid({ opFilters: { 'mtia-stub': { allow: 'aten.*' } } }).message).to.match(/field 'opFilters\.mtia-stub\.allow' must be an array/);
    expect(invalid({ opFilters: { 'mtia-stub': { block: [] } } }).message).to.match(/unknown field 'opFilters\.mtia-stub\.block'/);
    expect(invalid({ delegate: ['interpreter'] }).message).to.match(/cfg\.json: unknown field 'delegate' \(expected one of delegates, order/);
    expect(invalid([1]).message).to.match(/must be an object, given an array/);
  });

  it('reports malformed JSON with the file path', () => {
    const { file } = configDir('{ "strict": tru }');
    expect(() => readConfigFile(file)).to.throw(NativertError, file);
  });

  it('merges flags over the file field by field', () => {
    const merged = mergeConfig(full, {
      delegates: ['interpreter'], strict: false, placement: { conv2d: 'mtia-stub' },
      pluginOptions: { 'mtia-stub': { arenaBytes: 1024 } }, opFilters: { 'mtia-stub': { deny: ['aten.linear*'] } },
    });
    expect(merged.delegates).to.deep.equal(['interpreter']);
    expect(merged.strict).to.equal(false);
    expect(merged.threads).to.equal(2);
    expect(merged.placement).to.deep.equal({ relu: 'interpreter', conv2d: 'mtia-stub' });
    expect(merged.pluginOptions).to.deep.equal({ 'mtia-stub': { failAt: 'execute', arenaBytes: 1024 } });
    expect(merged.opFilters).to.deep.equal({ 'mtia-stub': { allow: ['aten.conv*'], deny: ['aten.linear*'] } });
    expect(mergeConfig(full, { strict: undefined }).strict).to.equal(true);
  });
});
