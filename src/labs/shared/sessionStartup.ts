/**
 * How a new worker (the first, or one started by Restart) is given its model: the last
 * accepted settings and start, a loaded model file's bytes included, so it trains on from
 * the same weights. A trained start that cannot load must not leave the lab empty: the
 * same settings then start from scratch, and the page says why.
 */
import type { AcceptedConfig, StartRequest } from '../../protocol/shared/sessionProtocol';
import { messageOf } from './messageOf';
import type { SessionSetup } from './sessionState';
import { SCRATCH_REQUEST } from './startChoices';

export interface StartedModel<Settings, StartInfo> {
  config: SessionSetup<Settings>;
  startInfo: StartInfo | null;
  /** Why the lab started from scratch instead of the model asked for, if it had to. */
  startProblem?: string;
}

type Configure<Settings, StartInfo> = (settings: Settings | null, start: StartRequest) => Promise<AcceptedConfig<Settings, StartInfo>>;

export async function configureAtStart<Settings, StartInfo>(configure: Configure<Settings, StartInfo>, setup: SessionSetup<Settings>): Promise<StartedModel<Settings, StartInfo>> {
  const { settings, start } = setup;
  try {
    const accepted = await configure(settings, start);
    return { config: { settings: accepted.settings, start }, startInfo: accepted.start };
  } catch (error) {
    if (start.kind === 'scratch') throw error;
    const accepted = await configure(settings, SCRATCH_REQUEST);
    const what = start.kind === 'file' ? `The model file "${start.name}"` : 'The pretrained model';
    return {
      config: { settings: accepted.settings, start: SCRATCH_REQUEST },
      startInfo: accepted.start,
      startProblem: `${what} could not be loaded, so training starts from scratch: ${messageOf(error)}`,
    };
  }
}
