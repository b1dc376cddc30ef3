/**
 * The code-space map: asks the worker to project the codes of both sides'
 * evaluation pictures when the model changes or training pauses (a map
 * redrawn four times a second would only jitter), and on request.
 */
import { useState } from 'react';
import { useLiveRequest, type LiveView } from '../shared/useLiveRequest';
import type { CodeProjection } from '../../protocol/faceswap/faceSwapProtocol';
import { CodeSpacePanel } from './CodeSpacePanel';
import { sharedContentOf, type SwapNames } from './swapPaths';
import type { SwapDatasetKind } from '../../core/autoencoder/faceSwapSettings';

/** Pictures per side on the map. */
export const CODE_MAP_COUNT = 64;

/** `version` changes when the map should be redrawn by itself (a new model, a pause, a step). */
export interface SwapCodeSectionProps extends LiveView {
  names: SwapNames;
  dataset: SwapDatasetKind;
  projectCodes(count: number): Promise<CodeProjection>;
}

export function SwapCodeSection(props: SwapCodeSectionProps) {
  const { names, dataset, projectCodes } = props;
  const [asked, setAsked] = useState(0);
  const projection = useLiveRequest(props, [asked], 200, () => projectCodes(CODE_MAP_COUNT));
  return (
    <section className="panel" aria-labelledby="swap-code-heading">
      <h2 id="swap-code-heading" className="panel-title">Inside the code: where {names.a} and {names.b} land</h2>
      <CodeSpacePanel projection={projection} names={names} onRefresh={() => setAsked((n) => n + 1)} sharedContent={sharedContentOf(dataset)} />
    </section>
  );
}
