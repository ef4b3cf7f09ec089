// @ts-check
/**
 * Sample bot: asks the sandbox API who the supervising user is, with the supervisor's token.
 * Started by RPA Supervisor from `bots/api-bot.bot.json`; never prints the token.
 */
import process from 'node:process';
import { authorizedFetch, getAccessToken, watchSupervisor } from '../sdk/index.mjs';

watchSupervisor();

try {
  const baseUrl = process.env.RPA_SANDBOX_API_URL;
  if (!baseUrl) throw Object.assign(new Error('RPA_SANDBOX_API_URL is not set; check the bot manifest.'), { code: 'config_missing' });

  // Ask for a token with at least a minute left, so it cannot expire during the call.
  const token = await getAccessToken({ minValidityMs: 60_000 });
  const response = await authorizedFetch(`${baseUrl.replace(/\/+$/, '')}/whoami`, { headers: { accept: 'application/json' } });
  if (!response.ok) throw Object.assign(new Error(`The API answered HTTP ${response.status}.`), { code: 'api_error' });

  const me = /** @type {{ name?: string; preferred_username?: string; subject?: string; sub?: string; companyId?: string; clientId?: string }} */ (await response.json());
  const name = me.name ?? me.preferred_username ?? '(no name)';
  const subject = me.subject ?? me.sub ?? '(no subject)';
  // A company token (the partner client acting for an HCSS company) says whose data the bot may touch.
  const company = me.companyId && me.clientId !== undefined && me.clientId === me.subject ? ` for company ${me.companyId}` : '';
  console.log(`Authorised as ${name} (${subject})${company}; token valid for ${hms(token.expiresAt - Date.now())}`);
} catch (error) {
  const { code, message, reason } = /** @type {{ code?: string; message?: string; reason?: string }} */ (error);
  // A company's token refused says what HCSS answered, so the run's log tells the failures apart.
  console.error(`api-bot failed: ${code ?? 'error'}${reason ? ` (${reason})` : ''}: ${message ?? String(error)}`);
  process.exitCode = 1;
}

/** @param {number} ms */
function hms(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return `${pad(Math.floor(total / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
}
