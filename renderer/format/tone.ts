/** The colour family of a status, mapped to CSS classes; text always carries the meaning too. */
export type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';
