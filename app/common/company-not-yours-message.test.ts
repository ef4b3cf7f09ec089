import { describe, expect, it } from 'vitest';
import { errorMessage } from './error-catalogue.js';

describe('company_not_yours names who may use the company', () => {
  it('one person: by name, as before', () => {
    expect(errorMessage('company_not_yours', 'demo-clinic-1001', 'Dr Demo')).toBe(
      "The company demo-clinic-1001 was connected by Dr Demo, so only Dr Demo's sign-in can use it. Sign in as Dr Demo, connect the company again with your own HCSS sign-in, or ask your administrator.",
    );
  });

  it('several people: every one of them, not only the first', () => {
    expect(errorMessage('company_not_yours', 'demo-clinic-1001', 'Dr Demo', 'Nurse Colleague', 'Dr Locum')).toBe(
      'The company demo-clinic-1001 was connected by Dr Demo, Nurse Colleague and Dr Locum, so only their sign-ins can use it. Sign in as one of them, connect the company again with your own HCSS sign-in, or ask your administrator.',
    );
  });

  it('many people: the first two and how many others, so the message stays short', () => {
    expect(errorMessage('company_not_yours', 'c1', 'Ann', 'Ben', 'Cat', 'Dan', 'Eve')).toBe(
      'The company c1 was connected by Ann, Ben and 3 others, so only their sign-ins can use it. Sign in as one of them, connect the company again with your own HCSS sign-in, or ask your administrator.',
    );
  });
});
