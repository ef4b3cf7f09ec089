import type { CommandName, ErrorView, ResponseEnvelope, SupervisorApi } from '../common/contract.js';
import { commandInputSchemas, requestEnvelopeSchema } from './command-schemas.js';
import { errorCatalogue } from '../error-catalogue.js';
import { isSupervisorError } from '../errors.js';
import type { Logger } from '../ports/logger.js';

/**
 * The privileged side's single entry for renderer requests, shared by Electron IPC and the
 * browser host's WebSocket. It validates the envelope and the command input with zod before
 * anything runs (S46), and turns every failure into an ErrorView so no stack or secret leaks.
 */
export async function dispatchRequest(api: SupervisorApi, raw: unknown, logger: Logger): Promise<ResponseEnvelope> {
  const envelope = requestEnvelopeSchema.safeParse(raw);
  if (!envelope.success) {
    const requestId = readRequestId(raw);
    logger.warn('rejected malformed request', { issues: envelope.error.issues.length });
    return { kind: 'result', requestId, ok: false, error: invalid('malformed request') };
  }
  const { requestId, command, input } = envelope.data;
  const parsed = commandInputSchemas[command].safeParse(input ?? {});
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.length ? `${first.path.join('.')}: ` : '';
    logger.warn('rejected invalid command input', { command, issues: parsed.error.issues.length });
    return { kind: 'result', requestId, ok: false, error: invalid(`${command} ${where}${first?.message ?? 'invalid input'}`) };
  }
  try {
    const value = await api.invoke(command as CommandName, parsed.data as never);
    return { kind: 'result', requestId, ok: true, value: value ?? null };
  } catch (error) {
    return { kind: 'result', requestId, ok: false, error: toErrorView(error, logger, command) };
  }
}

export function toErrorView(error: unknown, logger: Logger, context: string): ErrorView {
  if (isSupervisorError(error)) return { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) };
  logger.error('unexpected error', { context, name: error instanceof Error ? error.name : typeof error });
  return { code: 'internal_error', message: errorCatalogue.internal_error() };
}

function invalid(detail: string): ErrorView {
  return { code: 'invalid_request', message: errorCatalogue.invalid_request(detail) };
}

function readRequestId(raw: unknown): number {
  if (typeof raw === 'object' && raw !== null && 'requestId' in raw) {
    const value = (raw as { requestId: unknown }).requestId;
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  }
  return -1;
}
