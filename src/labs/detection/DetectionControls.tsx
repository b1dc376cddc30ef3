/**
 * The detection lab's settings column: which forger's fakes, which detector, how many
 * pictures, and how it trains; the share link and the keyboard shortcuts. Every control says
 * in one line what it does.
 */
import type { ReactNode } from 'react';
import {
  DETECTION_LIMITS, DETECTOR_DEFAULTS, DETECTOR_LABELS, PRETRAINED_IDS, optionsOfGenerators, pictureKindOf, type DetectionSettings, type DetectorKind, type OwnForgerSummary,
} from '../../protocol/detection/detectionProtocol';
import { CollapsibleSection } from '../shared/CollapsibleSection';
import { NumberField, SelectField, optionsOf } from '../shared/formFields';
import { ShortcutHelpSection } from '../shared/ShortcutHelpSection';
import { ShareLinkPanel, type ShareLinkPanelProps } from '../shared/ShareLinkPanel';

const GENERATOR_HELP: Record<DetectionSettings['generator'], string> = {
  mlp: 'Dense layers paint every pixel at once: its fakes carry too much fine-grained power.',
  dcgan: 'Upsamples by resizing then convolving: the subtlest fingerprint of the shipped forgers.',
  'dcgan-transposed': 'The same DCGAN upsampling with transposed convolutions, whose uneven overlap draws a checkerboard early in training; trained, it hid nearly all of it.',
  'dcgan-conditional': 'A DCGAN told which digit to draw: its fakes also carry extra fine detail.',
  diffusion: 'The diffusion lab\'s digit model, trained on MNIST with no duel: it learned to undo noise, and draws each digit from noise in 10 steps (at guidance 1). Drawing 600 fakes takes about 15 seconds.',
  'face-swap': 'The face-swap lab\'s toy-face model: a face of Juno through the shared encoder and Orbo\'s decoder, and back. Its fakes are toy faces, set against real toy faces from the same renderer, both in grey and cropped to 28×28 like the digits.',
  own: 'The forger you trained in the digit forger, loaded below: does it leave a fingerprint too?',
};

const DETECTOR_HELP: Record<DetectorKind, string> = {
  spectrum: 'Logistic regression on 20 numbers per picture: its power at each distance from the centre of the spectrum.',
  pixel: 'A small convolutional network (2,105 weights) that reads the pixels themselves, beside a fixed forensic channel (the log-distance of each pixel from blank paper), and finds its own clues.',
};

export interface DetectionControlsProps {
  settings: DetectionSettings;
  onEdit(next: DetectionSettings): void;
  untrained: boolean;
  realAvailable: number | null;
  share: ShareLinkPanelProps;
  /** The learner's own forger, once loaded (it joins the forger list). */
  own: OwnForgerSummary | null;
  /** The controls that load it (OwnForgerPanel). */
  ownForger: ReactNode;
}

export function DetectionControls({ settings, onEdit, untrained, realAvailable, share, own, ownForger }: DetectionControlsProps) {
  const L = DETECTION_LIMITS;
  // Real digits are picked from a held-out split of fixed size; real toy faces are drawn, as many as asked.
  const faces = pictureKindOf(settings.generator) === 'toyFaces';
  const maxPerClass = faces ? L.perClass.max : Math.min(L.perClass.max, realAvailable ?? L.perClass.max);
  return (
    <div className="controls-panel">
      <p className="controls-note">
        {untrained
          ? 'Nothing is trained yet, so every change takes effect at once.'
          : 'Changes wait until you press "Apply & reset", so a run is never thrown away by a stray keystroke.'}
      </p>
      <CollapsibleSection title="Forger and detector" defaultOpen intro="Whose fakes to catch, and with what.">
        <SelectField label="Forger" value={settings.generator} options={optionsOfGenerators(own)} testId="generator" handOffFocus
          help={(PRETRAINED_IDS as readonly string[]).includes(settings.generator) ? `A GAN the app ships, trained on MNIST. ${GENERATOR_HELP[settings.generator]}` : GENERATOR_HELP[settings.generator]}
          onChange={(generator) => onEdit({ ...settings, generator })} />
        <SelectField label="Detector" value={settings.detector} options={optionsOf(DETECTOR_LABELS)} testId="detector" handOffFocus
          help={DETECTOR_HELP[settings.detector]}
          onChange={(detector) => onEdit({ ...settings, detector, ...DETECTOR_DEFAULTS[detector] })} />
        <NumberField label="Pictures of each kind" value={settings.perClass} min={L.perClass.min} max={maxPerClass} integer testId="per-class"
          help={`${faces ? 'Real toy faces (drawn by the face-swap lab\'s renderer)' : 'Real digits (from the MNIST pictures no forger saw)'} and as many fakes; 70% train the detector, 30% are held out to judge it.`}
          onChange={(perClass) => onEdit({ ...settings, perClass })} />
      </CollapsibleSection>
      <CollapsibleSection title="Your own forger" defaultOpen
        intro="Catch the forger you trained: load its model file, or one the digit forger kept in this browser.">
        {ownForger}
      </CollapsibleSection>
      <CollapsibleSection title="Training" defaultOpen intro="How the detector learns (Adam on the cross-entropy).">
        <NumberField label="Learning rate" value={settings.learningRate} min={L.learningRate.min} max={L.learningRate.max} testId="learning-rate"
          help="How far each step moves the weights: too high and the loss jumps about, too low and it crawls."
          onChange={(learningRate) => onEdit({ ...settings, learningRate })} />
        <NumberField label="Batch size" value={settings.batchSize} min={L.batchSize.min} max={L.batchSize.max} integer testId="batch-size"
          help="Training pictures per step, half real and half fake on average."
          onChange={(batchSize) => onEdit({ ...settings, batchSize })} />
        <NumberField label="Seed" value={settings.seed} min={L.seed.min} max={L.seed.max} integer testId="seed"
          help="Chooses the fakes drawn, the split into training and held-out pictures, and the batch order: the same seed gives the same run."
          onChange={(seed) => onEdit({ ...settings, seed })} />
      </CollapsibleSection>
      <CollapsibleSection title="Share" intro="A link to this exact set-up, for a class or a colleague.">
        <ShareLinkPanel {...share} />
      </CollapsibleSection>
      <ShortcutHelpSection />
    </div>
  );
}
