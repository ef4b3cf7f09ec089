import { describe, expect, it } from 'vitest';
import { DeepLinkQueue } from './deep-link-queue.js';

describe('DeepLinkQueue', () => {
  it('holds links that arrive before the core is ready and flushes them once, in order', () => {
    const queue = new DeepLinkQueue();
    queue.push('a');
    queue.push('b');
    expect(queue.size).toBe(2);

    const delivered: string[] = [];
    queue.attach((url) => delivered.push(url));
    expect(delivered).toEqual(['a', 'b']);
    expect(queue.size).toBe(0);
  });

  it('delivers directly once attached', () => {
    const queue = new DeepLinkQueue();
    const delivered: string[] = [];
    queue.attach((url) => delivered.push(url));
    queue.push('c');
    expect(delivered).toEqual(['c']);
    expect(queue.size).toBe(0);
  });

  it('refuses a second consumer, so queued links cannot be flushed twice', () => {
    const queue = new DeepLinkQueue();
    queue.push('a');
    const delivered: string[] = [];
    queue.attach((url) => delivered.push(url));
    expect(() => queue.attach((url) => delivered.push(url))).toThrow(/already attached/);
    expect(delivered).toEqual(['a']);
  });

  it('drops links beyond its capacity and reports each drop', () => {
    let drops = 0;
    const queue = new DeepLinkQueue({ capacity: 2, onDrop: () => (drops += 1) });
    for (const url of ['a', 'b', 'c', 'd']) queue.push(url);
    expect(queue.size).toBe(2);
    expect(drops).toBe(2);

    const delivered: string[] = [];
    queue.attach((url) => delivered.push(url));
    expect(delivered).toEqual(['a', 'b']);
  });
});
