import { describe, expect, it } from 'vitest';
import { commandNames } from '../common/contract.js';
import { commandInputSchema } from './command-schemas.js';

describe('command input schemas', () => {
  it('builds each command’s schema once, when it is first asked for', () => {
    for (const command of commandNames) {
      const schema = commandInputSchema(command);
      expect(commandInputSchema(command), command).toBe(schema);
    }
    expect(commandInputSchema('getState').safeParse({}).success).toBe(true);
    expect(commandInputSchema('getState').safeParse({ extra: 1 }).success).toBe(false);
    expect(commandInputSchema('stopRun').safeParse({ runId: 'run 1' }).success).toBe(false);
  });
});
