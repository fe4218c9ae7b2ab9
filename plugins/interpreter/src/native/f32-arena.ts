import type { RuntimeValue } from '@nativert/core';
import { Tensor } from '@nativert/core';

/**
 * Float32 buffers reused by lifetime within the runs of one plan. During a run, buffers handed out
 * by {@link F32Arena.take} are counted by how many live graph values refer to them (views share a
 * buffer); when the last one is dropped the buffer returns to a free list by size, and a later
 * allocation of that size (in this run or the next) reuses it. Buffers given out by one run are
 * never reused in a later run unless that run freed them, so a run's outputs (and inputs fed back
 * from earlier outputs) are never overwritten. Runs of a plan are synchronous, so one arena is
 * never shared by two runs at once.
 */
export class F32Arena {
  private readonly free = new Map<number, ArrayBuffer[]>();
  private readonly refs = new Map<ArrayBuffer, number>();

  /** A Float32Array of `n` elements, recycled when one of that size is free (its contents are then stale). */
  take(n: number): Float32Array {
    const bytes = n * 4;
    const buf = this.free.get(bytes)?.pop() ?? new ArrayBuffer(bytes);
    this.refs.set(buf, 0);
    return new Float32Array(buf);
  }

  /** Counts one more live value referring to `v`'s buffer, if this run's arena gave it out. */
  hold(v: RuntimeValue | undefined): void {
    const buf = bufferOf(v);
    const n = buf === null ? undefined : this.refs.get(buf);
    if (n !== undefined) this.refs.set(buf!, n + 1);
  }

  /** Counts one live value fewer referring to `v`'s buffer; frees the buffer at zero. */
  drop(v: RuntimeValue | undefined): void {
    const buf = bufferOf(v);
    const n = buf === null ? undefined : this.refs.get(buf);
    if (n === undefined) return;
    if (n > 1) {
      this.refs.set(buf!, n - 1);
      return;
    }
    this.refs.delete(buf!);
    const list = this.free.get(buf!.byteLength);
    if (list === undefined) this.free.set(buf!.byteLength, [buf!]);
    else list.push(buf!);
  }

  /** Ends a run: buffers still referred to (outputs) are forgotten, the free list is kept. */
  endRun(): void {
    this.refs.clear();
  }
}

function bufferOf(v: RuntimeValue | undefined): ArrayBuffer | null {
  if (!(v instanceof Tensor) || v.storage.kind !== 'host') return null;
  return v.storage.bytes.buffer as ArrayBuffer;
}

let active: F32Arena | null = null;

/** The arena of the run in progress, or null outside runs (allocations are then fresh). */
export function activeArena(): F32Arena | null {
  return active;
}

/** Makes `arena` the active one and returns the one it replaces (restore it when the run ends). */
export function swapArena(arena: F32Arena | null): F32Arena | null {
  const prev = active;
  active = arena;
  return prev;
}
