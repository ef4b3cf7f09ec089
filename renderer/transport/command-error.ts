import type { ErrorView } from '../../app/common/contract.js';

/**
 * A failed command as the renderer sees it: the core's stable `code` plus its human `message`,
 * and field-by-field problems when the input was a form. Transports reject with this so
 * components never parse transport-specific error shapes.
 */
export class CommandError extends Error implements ErrorView {
  readonly code: string;
  readonly fields?: Record<string, string>;

  constructor(view: ErrorView) {
    super(view.message);
    this.name = 'CommandError';
    this.code = view.code;
    if (view.fields) this.fields = { ...view.fields };
  }
}
