import { describe, expect, it } from 'vitest';
import { handOffHint, parseLauncherArgs } from './launcher-args.js';

const link = 'uk.co.rpasupervisor.dev://auth/callback?code=c&state=s';

describe('parseLauncherArgs', () => {
  it('starts by default and reads options', () => {
    expect(parseLauncherArgs([])).toEqual({ kind: 'start', open: true, port: undefined });
    expect(parseLauncherArgs(['--no-open', '--port', '4567'])).toEqual({ kind: 'start', open: false, port: 4567 });
  });

  it('points a link at the paste box and the hand-off launcher, never taking it (npm would echo it)', () => {
    expect(parseLauncherArgs([link])).toEqual({ kind: 'invalid', message: handOffHint });
    expect(parseLauncherArgs(['--deep-link', link])).toEqual({ kind: 'invalid', message: handOffHint });
    expect(handOffHint).toContain('node bin/hand-off.mjs');
    expect(handOffHint).not.toContain('npm run');
  });

  it('S8 refuses several URLs, foreign schemes and junk', () => {
    expect(parseLauncherArgs([link, link]).kind).toBe('invalid');
    expect(parseLauncherArgs(['https://evil.example/x']).kind).toBe('invalid');
    expect(parseLauncherArgs(['--gpu-launcher=evil']).kind).toBe('invalid');
    expect(parseLauncherArgs(['--port', 'x']).kind).toBe('invalid');
  });
});
