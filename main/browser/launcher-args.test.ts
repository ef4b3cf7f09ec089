import { describe, expect, it } from 'vitest';
import { parseLauncherArgs } from './launcher-args.js';

const scheme = 'uk.co.rpasupervisor.dev';
const link = `${scheme}://auth/callback?code=c&state=s`;

describe('parseLauncherArgs', () => {
  it('starts by default and reads options', () => {
    expect(parseLauncherArgs([])).toEqual({ kind: 'start', open: true, port: undefined });
    expect(parseLauncherArgs(['--no-open', '--port', '4567'])).toEqual({ kind: 'start', open: false, port: 4567 });
  });

  it('hands off a lone deep link, with or without the sentinel', () => {
    expect(parseLauncherArgs([link])).toEqual({ kind: 'handoff', url: link });
    expect(parseLauncherArgs(['--deep-link', link])).toEqual({ kind: 'handoff', url: link });
  });

  it('hands a lone link over as it came: the running host parses it, and refuses foreign ones', () => {
    expect(parseLauncherArgs(['https://evil.example/x'])).toEqual({ kind: 'handoff', url: 'https://evil.example/x' });
  });

  it('S8 refuses several URLs and junk around a link', () => {
    expect(parseLauncherArgs([link, link]).kind).toBe('invalid');
    expect(parseLauncherArgs(['--gpu-launcher=evil', link]).kind).toBe('invalid');
    expect(parseLauncherArgs(['--port', 'x']).kind).toBe('invalid');
  });
});
