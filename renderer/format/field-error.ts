import type { ErrorView } from '../../app/common/contract.js';

/**
 * What a form shows beside a field: the page's own check as an ErrorView (with its code, from
 * the catalogue), or the core's field message as a sentence. The core's messages have no code of
 * their own; the form's summary above shows the code of the error they came with.
 */
export type FieldError = string | ErrorView;
