import type { BotView } from '../../../app/common/contract.js';
import { copy } from '../../copy.js';
import { useCommand } from '../../state/use-command.js';
import { FormField } from '../form-field.js';

/** Not a pool name (pools have no dot), so it can stand for "this computer" in the select. */
const thisComputer = '.local';

/**
 * Settings → Workers, "Where bots run": each bot follows its manifest's `pool`, or a setting
 * made here sends it to a pool or keeps it on this computer (`setBotPool`, audited).
 */
export function BotPlacement({ bots, pools }: { bots: BotView[]; pools: string[] }) {
  const setPool = useCommand('setBotPool');
  const t = copy.workers;
  if (bots.length === 0) return null;
  return (
    <>
      <h3 className="card__title">{t.placementHeading}</h3>
      <p className="card__hint">{t.placementIntro}</p>
      {bots.map((bot) => {
        const value = bot.poolSetting === undefined ? '' : bot.poolSetting === null ? thisComputer : bot.poolSetting;
        const choices = [...new Set([...pools, ...(bot.manifestPool ? [bot.manifestPool] : []), ...(bot.poolSetting ? [bot.poolSetting] : [])])].sort();
        return (
          <FormField key={bot.id} label={bot.name} testId={`bot-placement-${bot.id}`}>
            {(control) => (
              <select
                {...control}
                className="input"
                value={value}
                disabled={setPool.pending}
                onChange={(event) => {
                  const next = event.target.value;
                  void setPool.run({ botId: bot.id, ...(next === '' ? {} : { pool: next === thisComputer ? null : next }) });
                }}
              >
                <option value="">{t.asManifest(bot.manifestPool)}</option>
                <option value={thisComputer}>{t.thisComputer}</option>
                {choices.map((pool) => (
                  <option key={pool} value={pool}>
                    {t.poolOption(pool)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        );
      })}
    </>
  );
}
