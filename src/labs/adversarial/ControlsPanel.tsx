/** The settings sidebar: experiments, data, both networks, the rules of the game, engine and files. */
import type { GanSettings } from '../../core/pointGan/ganSettings';
import type { BackendChoice, WorkerInfo } from '../../protocol/adversarial/adversarialProtocol';
import { BackendControls } from './BackendControls';
import { CollapsibleSection } from '../shared/CollapsibleSection';
import { DatasetControls, type DatasetControlsProps } from './DatasetControls';
import { GameControls } from './GameControls';
import { ImportExportPanel, type ImportExportPanelProps } from './ImportExportPanel';
import { NetworkControls } from './NetworkControls';
import { PresetPanel, type PresetPanelProps } from './PresetPanel';
import { FOCUS_HANDOFF_HELP, SHORTCUT_HELP } from '../shared/keyboardShortcuts';
import { ShortcutHelpSection } from '../shared/ShortcutHelpSection';

export interface ControlsPanelProps {
  settings: GanSettings;
  onEdit(next: GanSettings): void;
  running: boolean;
  /** The model trains on from a loaded file (edits keep its weights where they fit). */
  fromFile: boolean;
  preset: PresetPanelProps;
  dataset: Omit<DatasetControlsProps, 'settings' | 'onEdit' | 'onNotice'>;
  backend: { choice: BackendChoice; info: WorkerInfo | null; onChoose(choice: BackendChoice): void };
  files: ImportExportPanelProps;
}

export function ControlsPanel(props: ControlsPanelProps) {
  const { settings, onEdit } = props;
  return (
    <div className="controls-panel">
      <p className="controls-note">
        {props.running
          ? 'Training is running: changes you make wait until you press "Apply & reset".'
          : props.fromFile
            ? 'Training continues from the loaded file: a change its networks fit keeps its weights; Reset starts again from the seed.'
            : 'Every change restarts training from the seed, so each run can be replayed exactly.'}
      </p>
      <CollapsibleSection title="Experiments" defaultOpen intro="Start from a ready-made story: a healthy run, a classic failure, or its fix.">
        <PresetPanel {...props.preset} />
      </CollapsibleSection>
      <CollapsibleSection title="Real data" defaultOpen intro="The points the generator has to learn to imitate.">
        <DatasetControls settings={settings} onEdit={onEdit} onNotice={props.files.onNotice} {...props.dataset} />
      </CollapsibleSection>
      <CollapsibleSection title="Generator (G)">
        <NetworkControls name="generator" settings={settings} onEdit={onEdit} />
      </CollapsibleSection>
      <CollapsibleSection title="Discriminator (D)">
        <NetworkControls name="discriminator" settings={settings} onEdit={onEdit} />
      </CollapsibleSection>
      <CollapsibleSection title="Rules of the game" intro="How the two networks score each other and take turns.">
        <GameControls settings={settings} onEdit={onEdit} />
      </CollapsibleSection>
      <CollapsibleSection title="Engine" defaultOpen intro="Training runs in the background, in your browser, with TensorFlow.js. Nothing leaves your computer.">
        <BackendControls {...props.backend} />
      </CollapsibleSection>
      <CollapsibleSection title="Share, save and load" defaultOpen>
        <ImportExportPanel {...props.files} />
      </CollapsibleSection>
      <ShortcutHelpSection shortcuts={SHORTCUT_HELP}>
        <p className="field-help">{FOCUS_HANDOFF_HELP} Shortcuts pause while you type in a field or a drop-down has the keyboard.</p>
      </ShortcutHelpSection>
    </div>
  );
}
