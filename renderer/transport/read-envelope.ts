import { eventNames, type EventEnvelope, type ResponseEnvelope } from '../../app/common/contract.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** A command's answer from the host. */
export function isResponseEnvelope(value: unknown): value is ResponseEnvelope {
  if (!isRecord(value) || value.kind !== 'result' || typeof value.requestId !== 'number') return false;
  // A failure with an unreadable error still settles its request (as `response_unreadable`).
  return value.ok === true || value.ok === false;
}

const knownEvents: ReadonlySet<string> = new Set<string>(eventNames);

/** An event the page knows; any other is ignored. */
export function isEventEnvelope(value: unknown): value is EventEnvelope {
  return isRecord(value) && value.kind === 'event' && typeof value.event === 'string' && knownEvents.has(value.event) && isRecord(value.payload);
}
