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

  it('lets listAudit match one HCSS company by its id, and refuses an empty or overlong one', () => {
    const listAudit = commandInputSchema('listAudit');
    expect(listAudit.safeParse({ limit: 200, match: { company: 'demo-clinic-1001', fromAt: 0, untilAt: 86_400_000 } }).success).toBe(true);
    expect(listAudit.safeParse({ match: { company: '' } }).success).toBe(false);
    expect(listAudit.safeParse({ match: { company: 'c'.repeat(201) } }).success).toBe(false);
    expect(listAudit.safeParse({ match: { company: 1001 } }).success).toBe(false);
  });
});
