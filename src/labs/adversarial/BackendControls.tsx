/** Which TensorFlow.js backend trains the networks, and which one really runs. */
import type { BackendChoice, WorkerInfo } from '../../protocol/adversarial/adversarialProtocol';
import { SelectField, type SelectOption } from '../shared/formFields';

const BACKENDS: SelectOption<BackendChoice>[] = [
  { value: 'auto', label: 'Automatic (fastest that works)' },
  { value: 'wasm', label: 'WebAssembly' },
  { value: 'webgl', label: 'WebGL (graphics card)' },
  { value: 'cpu', label: 'Plain JavaScript' },
];

export function BackendControls(props: { choice: BackendChoice; info: WorkerInfo | null; onChoose(choice: BackendChoice): void }) {
  return (
    <>
      <SelectField
        label="Backend"
        value={props.choice}
        options={BACKENDS}
        testId="backend-select"
        help="These networks are tiny, so WebAssembly on the processor is usually fastest; the graphics card pays off only for big models. Switching keeps the trained weights."
        onChange={props.onChoose}
      />
      <p className="field-help">
        Running on: <strong>{props.info ? props.info.backend : 'starting…'}</strong>
      </p>
      {props.info?.backendNote ? <p className="field-warning">{props.info.backendNote}</p> : null}
    </>
  );
}
