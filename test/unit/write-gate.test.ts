import { describe, expect, it } from 'vitest';
import { createWriteGate } from '../../src/main/services/write-gate';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('write gate', () => {
  it('makes shared writers wait while an exclusive holder runs, and the holder wait for running ones', async () => {
    const gate = createWriteGate();
    const log: string[] = [];
    let endShared!: () => void;
    const first = gate.shared(async () => {
      log.push('shared1 start');
      await new Promise<void>((r) => (endShared = r));
      log.push('shared1 end');
    });
    await tick();
    const excl = gate.exclusive(async () => {
      log.push('exclusive start');
      await tick();
      log.push('exclusive end');
    });
    await tick();
    expect(gate.held()).toBe(true);
    const second = gate.shared(async () => void log.push('shared2'));
    await tick();
    expect(log).toEqual(['shared1 start']);
    endShared();
    await Promise.all([first, excl, second]);
    expect(log).toEqual(['shared1 start', 'shared1 end', 'exclusive start', 'exclusive end', 'shared2']);
    expect(gate.held()).toBe(false);
  });

  it('runs exclusive holders one after the other and survives a failing one', async () => {
    const gate = createWriteGate();
    const log: string[] = [];
    const a = gate.exclusive(async () => {
      log.push('a');
      await tick();
      throw new Error('boom');
    });
    const b = gate.exclusive(async () => void log.push('b'));
    await expect(a).rejects.toThrow('boom');
    await b;
    expect(log).toEqual(['a', 'b']);
    expect(await gate.shared(async () => 1)).toBe(1);
  });
});
