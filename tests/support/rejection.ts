import { expect } from 'chai';
import { NativertError } from '@nativert/core';

/** Awaits `p`, expects it to reject with a NativertError, and returns that error for further checks. */
export async function rejection(p: Promise<unknown>): Promise<NativertError> {
  try {
    await p;
  } catch (e) {
    expect(e).to.be.instanceOf(NativertError);
    return e as NativertError;
  }
  return expect.fail('expected a rejection');
}
