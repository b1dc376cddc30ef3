/**
 * The placement rule (README, Architecture) is enforced by `npm run lint`: these fixtures are
 * linted as if they stood at the given paths, and each forbidden import must be reported with
 * the rule's message, while the allowed ones pass.
 */
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: process.cwd() });
});

async function placementMessages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the placement rule', () => {
  it.each([
    ['src/core/adversarial/fixture.ts', "import { x } from '../../labs/adversarial/AdversarialLab';", 'may import only from src/core/'],
    ['src/core/shared/fixture.ts', "import { x } from '../../protocol/shared/sessionProtocol';", 'may import only from src/core/'],
    ['src/core/faceswap/fixture.ts', "import { x } from '../digits/digitGanModels';", 'a lab never imports another lab'],
    ['src/core/shared/fixture.ts', "import { x } from '../adversarial/ganPresets';", 'serves every lab'],
    ['src/core/digits/fixture.ts', "import { useState } from 'react';", 'runs without the DOM or React'],
    ['src/protocol/digits/fixture.ts', "import { x } from '../../worker/digits/digitWorker';", 'may import only from src/protocol/, src/core/'],
    ['src/worker/faceswap/fixture.ts', "import { x } from '../../labs/faceswap/FaceSwapLab';", 'may import only from src/worker/, src/protocol/, src/core/'],
    ['src/labs/faceswap/fixture.ts', "import { x } from '../digits/timeline';", 'a lab never imports another lab'],
    ['src/labs/digits/fixture.ts', "import { x } from '../../app/labRegistry';", 'may import only from src/labs/, src/protocol/, src/core/'],
    ['src/labs/shared/fixture.ts', "import { x } from '../adversarial/keyboardShortcuts';", 'serves every lab'],
    ['src/labs/adversarial/fixture.ts', "import { x } from '../../../tests/browser/harness';", 'may import only from'],
    ['src/app/fixture.ts', "import { x } from '../labs/digits/digitLesson';", 'serves every lab'],
    ['src/app/labRegistry.ts', "import { x } from '../worker/digits/digitWorker';", 'may import only from src/app/, src/labs/'],
  ])('reports %s importing across the rule', async (filePath, code, expected) => {
    const messages = await placementMessages(filePath, code);
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.join('\n')).toContain('Placement rule');
    expect(messages.join('\n')).toContain(expected);
  });

  it.each([
    ['src/core/faceswap/fixture.ts', "import { x } from '../mnist/digitClassifier';\nimport { y } from '../shared/tf';"],
    ['src/worker/digits/fixture.ts', "import { x } from '../../protocol/digits/digitProtocol';\nimport { y } from '../../core/digits/digitGanTrainer';\nimport { z } from '../shared/pacedTrainingLoop';"],
    ['src/labs/faceswap/fixture.ts', "import { x } from '../shared/timeline';\nimport { y } from '../../protocol/faceswap/faceSwapProtocol';\nimport { useState } from 'react';"],
    ['src/app/fixture.ts', "import { x } from '../labs/shared/hashRoute';"],
    // The registry names every lab: its page and its lesson script.
    ['src/app/labRegistry.ts', "import { x } from '../labs/digits/digitLesson';\nimport { y } from '../labs/faceswap/faceSwapLesson';"],
  ])('lets %s import along the rule', async (filePath, code) => {
    expect(await placementMessages(filePath, code)).toEqual([]);
  });
});
