import { describe, expect, it } from 'vitest';
import type { LogBatch, SupervisorState } from '../common/contract.js';
import { SupervisorConnections } from './supervisor-connections.js';

const batch = (runId: string): LogBatch => ({ runId, lines: [{ seq: 0, at: 1, stream: 'stdout', text: runId }] });

function setup() {
  const invoked: string[] = [];
  const connections = new SupervisorConnections();
  const invoke = async (command: string) => {
    invoked.push(command);
    return undefined as never;
  };
  const open = (followAllLogs: boolean) => connections.open({ followAllLogs, invoke });
  return { connections, open, invoked };
}

describe('SupervisorConnections', () => {
  it('sends each connection the log lines of the runs it follows, and state to all', async () => {
    const { connections, open } = setup();
    const page = open(false);
    const inProcess = open(true);
    const pageLogs: string[] = [];
    const allLogs: string[] = [];
    const states: unknown[] = [];
    page.api.on('log', (b) => pageLogs.push(b.runId));
    page.api.on('state', (s) => states.push(s));
    inProcess.api.on('log', (b) => allLogs.push(b.runId));

    connections.emit('log', batch('r1'));
    await page.api.invoke('followLogs', { runIds: ['r2', 'r3'] });
    connections.emit('log', batch('r2'));
    connections.emit('log', batch('r1'));
    await page.api.invoke('followLogs', { runIds: [] });
    connections.emit('log', batch('r3'));
    connections.emit('state', { marker: 1 } as unknown as SupervisorState);

    expect(pageLogs).toEqual(['r2']);
    expect(allLogs).toEqual(['r1', 'r2', 'r1', 'r3']);
    expect(states).toEqual([{ marker: 1 }]);
  });

  it('says a run is followed only while a connection that listens for logs follows it', async () => {
    const { connections, open } = setup();
    const silent = open(true);
    expect(connections.isLogFollowed('r1')).toBe(false);
    const page = open(false);
    const listening = page.api.on('log', () => undefined);
    expect(connections.isLogFollowed('r1')).toBe(false);
    await page.api.invoke('followLogs', { runIds: ['r1'] });
    expect(connections.isLogFollowed('r1')).toBe(true);
    expect(connections.isLogFollowed('r2')).toBe(false);
    listening.dispose();
    expect(connections.isLogFollowed('r1')).toBe(false);
    page.api.on('log', () => undefined);
    expect(connections.isLogFollowed('r1')).toBe(true);
    page.dispose();
    expect(connections.isLogFollowed('r1')).toBe(false);
    silent.api.on('log', () => undefined);
    expect(connections.isLogFollowed('anything')).toBe(true);
  });

  it('S100 a throwing listener does not starve the other connections of state, and is reported', async () => {
    const failures: unknown[] = [];
    const connections = new SupervisorConnections((error) => failures.push(error));
    const invoke = async () => undefined as never;
    const inProcess = connections.open({ followAllLogs: true, invoke });
    const page = connections.open({ followAllLogs: false, invoke });
    const broken = new Error('window destroyed');
    inProcess.api.on('state', () => {
      throw broken;
    });
    const states: unknown[] = [];
    page.api.on('state', (s) => states.push(s));
    expect(() => connections.emit('state', { marker: 2 } as unknown as SupervisorState)).not.toThrow();
    expect(states).toEqual([{ marker: 2 }]);
    expect(failures).toEqual([broken]);
  });

  it('passes every other command to the shared handlers, and keeps followLogs per connection', async () => {
    const { open, invoked } = setup();
    const page = open(false);
    await page.api.invoke('getState', {});
    await page.api.invoke('followLogs', { runIds: ['r1'] });
    await page.api.invoke('stopAll', {});
    expect(invoked).toEqual(['getState', 'stopAll']);
  });
});
