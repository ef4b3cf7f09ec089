import { describe, expect, it } from 'vitest';
import { parseLauncherArgs } from './launcher-args.js';

const scheme = 'uk.co.rpasupervisor.dev';
const link = `${scheme}://auth/callback?code=c&state=s`;

describe('parseLauncherArgs', () => {
  it('starts by default and reads options', () => {
    expect(parseLauncherArgs([], scheme)).toEqual({ kind: 'start', open: true, port: undefined });
    expect(parseLauncherArgs(['--no-open', '--port', '4567'], scheme)).toEqual({ kind: 'start', open: false, port: 4567 });
  });

  it('hands off a lone deep link, with or without the sentinel', () => {
    expect(parseLauncherArgs([link], scheme)).toEqual({ kind: 'handoff', url: link });
    expect(parseLauncherArgs(['--deep-link', link], scheme)).toEqual({ kind: 'handoff', url: link });
  });

  it('S8 refuses several URLs, foreign schemes and junk around a link', () => {
    expect(parseLauncherArgs([link, link], scheme).kind).toBe('invalid');
    expect(parseLauncherArgs(['https://evil.example/x'], scheme).kind).toBe('invalid');
    expect(parseLauncherArgs(['--gpu-launcher=evil', link], scheme).kind).toBe('invalid');
    expect(parseLauncherArgs(['--port', 'x'], scheme).kind).toBe('invalid');
  });
});
