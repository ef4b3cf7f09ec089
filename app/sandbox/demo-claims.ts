/** A fixed list of insurance claims that the demo API serves, so bots have something to read. */
export interface DemoClaim {
  reference: string;
  patient: string;
  insurer: string;
  amountPence: number;
  status: 'draft' | 'submitted' | 'paid' | 'rejected';
  submittedAt: number | null;
}

export const demoClaims: readonly DemoClaim[] = Object.freeze([
  { reference: 'CLM-1001', patient: 'A. Patel', insurer: 'Demo Health', amountPence: 12_500, status: 'submitted', submittedAt: Date.UTC(2025, 0, 6, 9, 30) },
  { reference: 'CLM-1002', patient: 'B. Jones', insurer: 'Sample Assurance', amountPence: 8_000, status: 'paid', submittedAt: Date.UTC(2025, 0, 3, 14, 5) },
  { reference: 'CLM-1003', patient: 'C. Okafor', insurer: 'Demo Health', amountPence: 21_000, status: 'draft', submittedAt: null },
  { reference: 'CLM-1004', patient: 'D. Murphy', insurer: 'Example Mutual', amountPence: 4_500, status: 'rejected', submittedAt: Date.UTC(2024, 11, 19, 11, 0) },
]);
