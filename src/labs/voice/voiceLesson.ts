/** The voice lab's lesson script: a voice clone with the shared-encoder trick, its puppet, why sharing matters, the voice lock it fools and the listening quiz. */
import type { LessonScript } from '../shared/lessonScript';

export const VOICE_LESSON: LessonScript = {
  labId: 'voice',
  title: 'How a voice clone works',
  steps: [
    {
      title: 'Two invented voices',
      setup: 'start=juno-orbo',
      press: 'Press Play under "Juno, real" and "Orbo, real".',
      point: 'Juno is high and breathy, Orbo low and clear: the bright bands (formants) and the pitch dots sit at different heights for the same vowels.',
      view: 'voice-preview-heading',
    },
    {
      title: 'One encoder, two decoders',
      press: 'Play "Juno rebuilt", then "Juno → Orbo".',
      point: 'The converted sound has Orbo\'s low pitch and formants but Juno\'s vowels and timing: the code carries what is said, each decoder adds who says it.',
      view: 'voice-preview-heading',
    },
    {
      title: 'The puppet',
      press: 'Move the puppet\'s Vowel and Pitch sliders, and play both sides.',
      point: 'Orbo says whatever vowel Juno holds, in Orbo\'s own voice.',
      view: 'voice-puppet-heading',
    },
    {
      title: 'Why the encoder must be shared',
      setup: 'start=juno-orbo-separate',
      press: 'Compare "Juno rebuilt" with "Juno → Orbo".',
      point: 'With an encoder per voice, Juno rebuilds well, yet the conversion is a blur: Orbo\'s decoder cannot read codes it was never trained on.',
      view: 'voice-encoders-heading',
    },
    {
      title: 'A voice is not a password',
      press: 'Under "The voice lock", press "Train the voice lock", then play the three clips and read each verdict.',
      point: 'The lock keeps the impostor out but opens far more often for the clone: it checks what a voice sounds like, which is what a clone copies. Use a second factor, or call back on a known number.',
      view: 'voice-lock-heading',
    },
    {
      title: 'Can you hear the clone?',
      press: 'Deal ten clips in "Listen and guess", answer them, then show the score.',
      point: 'Compare the class\'s score with the detector\'s on the same clips, and with the 73% people reached on real speech deepfakes (Mai et al. 2023).',
      view: 'voice-quiz-heading',
    },
    {
      title: 'Consent and the law',
      press: 'Read the panel together.',
      point: 'Cloning a real person\'s voice without their agreement harms them, and is used for fraud; many places now forbid it.',
      view: 'voice-consent-heading',
    },
  ],
};
