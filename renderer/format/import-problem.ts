import type { ImportResult } from '../../app/common/contract.js';
import { copy } from '../copy.js';
import { asSentence, profileFieldErrors } from './profile-form.js';

type ImportProblem = ImportResult['errors'][number];

/**
 * One import problem in the editor's words, naming the profile by what the file calls it (its
 * name and id), and by its position only when the entry gives neither:
 * `“Clinic UAT” (clinic-uat): Each warning time must be at least 1.`
 */
export function importProblemText(problem: ImportProblem): string {
  const { byField, other } = profileFieldErrors({ [problem.field]: problem.message });
  const sentence = Object.values(byField)[0] ?? other[0] ?? asSentence('', problem.message);
  return `${copy.settings.importWho(problem)}: ${sentence}`;
}
