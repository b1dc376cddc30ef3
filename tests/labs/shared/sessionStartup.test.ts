import { describe, expect, it } from 'vitest';
import type { AcceptedConfig, StartRequest } from '../../../src/protocol/shared/sessionProtocol';
import { configureAtStart } from '../../../src/labs/shared/sessionStartup';

type Settings = { width: number };

/** A stand-in for a worker's configure that records what it was asked and refuses what `refuse` says. */
function fakeConfigure(refuse: (start: StartRequest) => string | null) {
  const asked: { settings: Settings | null; start: StartRequest }[] = [];
  const configure = async (settings: Settings | null, start: StartRequest): Promise<AcceptedConfig<Settings, string>> => {
    asked.push({ settings, start });
    const reason = refuse(start);
    if (reason) throw new Error(reason);
    return { settings: settings ?? { width: 99 }, start: start.kind === 'scratch' ? null : `from ${start.kind}` };
  };
  return { configure, asked };
}

describe('a new worker gets the last accepted configuration', () => {
  it('sends a loaded file\'s bytes again with the settings it trained with', async () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const file: StartRequest = { kind: 'file', name: 'mine.weights', bytes };
    const { configure, asked } = fakeConfigure(() => null);
    const started = await configureAtStart(configure, { settings: { width: 8 }, start: file });
    expect(asked).toEqual([{ settings: { width: 8 }, start: file }]);
    expect((asked[0].start as { bytes: Uint8Array }).bytes).toBe(bytes);
    expect(started).toEqual({ config: { settings: { width: 8 }, start: file }, startInfo: 'from file' });
  });

  it('starts the same settings from scratch, saying why, when the trained start cannot load', async () => {
    const { configure, asked } = fakeConfigure((start) => (start.kind === 'pretrained' ? 'the server answered 404' : null));
    const started = await configureAtStart(configure, { settings: { width: 8 }, start: { kind: 'pretrained', id: 'toy-faces' } });
    expect(asked.map((a) => a.start.kind)).toEqual(['pretrained', 'scratch']);
    expect(started.config).toEqual({ settings: { width: 8 }, start: { kind: 'scratch' } });
    expect(started.startProblem).toBe('The pretrained model could not be loaded, so training starts from scratch: the server answered 404');
  });

  it('lets a refused start from scratch fail the start-up (there is nothing to fall back to)', async () => {
    const { configure } = fakeConfigure(() => 'out of memory');
    await expect(configureAtStart(configure, { settings: { width: 8 }, start: { kind: 'scratch' } })).rejects.toThrow('out of memory');
  });
});
