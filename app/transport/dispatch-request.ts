import type { CommandName, ErrorView, ResponseEnvelope, SupervisorApi } from '../common/contract.js';
import { errorView, toErrorView } from '../common/error-view.js';
import { isSupervisorError } from '../errors.js';
import type { Logger } from '../ports/logger.js';
import { commandInputSchema, requestEnvelopeSchema } from './command-schemas.js';

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
    return { kind: 'result', requestId, ok: false, error: errorView('invalid_request', 'malformed request') };
  }
  const { requestId, command, input } = envelope.data;
  const parsed = commandInputSchema(command).safeParse(input ?? {});
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.length ? `${first.path.join('.')}: ` : '';
    logger.warn('rejected invalid command input', { command, issues: parsed.error.issues.length });
    return { kind: 'result', requestId, ok: false, error: errorView('invalid_request', `${command} ${where}${first?.message ?? 'invalid input'}`) };
  }
  try {
    const value = await api.invoke(command as CommandName, parsed.data as never);
    return { kind: 'result', requestId, ok: true, value: value ?? null };
  } catch (error) {
    return { kind: 'result', requestId, ok: false, error: failureView(error, logger, command) };
  }
}

/** Only the core's own errors are shown as they are; anything else is logged and hidden. */
function failureView(error: unknown, logger: Logger, command: CommandName): ErrorView {
  if (isSupervisorError(error)) return toErrorView(error, 'internal_error');
  logger.error('unexpected error', { context: command, name: error instanceof Error ? error.name : typeof error });
  return errorView('internal_error');
}

function readRequestId(raw: unknown): number {
  if (typeof raw === 'object' && raw !== null && 'requestId' in raw) {
    const value = (raw as { requestId: unknown }).requestId;
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  }
  return -1;
}
