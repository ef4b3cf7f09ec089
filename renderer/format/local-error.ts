import type { ErrorView } from '../../app/common/contract.js';
import { copy } from '../copy.js';

/** A code of an error the renderer raises itself (renderer/copy.ts `localErrors`). */
export type LocalErrorCode = keyof typeof copy.localErrors;

/**
 * The ErrorView for an error the page raises itself, so it reaches the screen exactly like the
 * core's errors do: through ErrorMessage, with its code. The renderer cannot import the core's
 * catalogue at run time (renderer/ imports app/ as types only), hence a second, small catalogue.
 */
export function localError(code: LocalErrorCode): ErrorView {
  return { code, message: copy.localErrors[code] };
}
