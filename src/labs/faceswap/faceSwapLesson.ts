/** The face-swap lab's lesson script: the shared-encoder trick, its puppet, why sharing matters. */
import type { LessonScript } from '../shared/lessonScript';

export const FACE_SWAP_LESSON: LessonScript = {
  labId: 'faceswap',
  title: 'How a face swap works',
  steps: [
    {
      title: 'One encoder, two decoders',
      setup: 'start=toy-faces',
      press: 'Press Play (or Space).',
      point: 'For each character: real pictures, their rebuilds by that character\'s own decoder, and their swaps by the other decoder, which put Juno\'s expression on Orbo\'s face.',
      view: 'swap-preview-heading',
    },
    {
      title: 'The puppet',
      press: 'Move the puppet sliders (Mouth, Eyes, Head tilt).',
      point: 'The other face follows every move: the shared code carries expression and pose, and each decoder adds only who it is.',
      view: 'swap-puppet-heading',
    },
    {
      title: 'Where the codes land',
      press: 'Point at the two clouds in the code map.',
      point: 'With one shared encoder, both faces\' codes mix in one cloud, which is why either decoder can read either face\'s code.',
      view: 'swap-code-heading',
    },
    {
      title: 'Why the encoder must be shared',
      setup: 'start=toy-faces-separate',
      press: 'Compare the rebuilt column with the swapped one.',
      point: 'With an encoder per side, both faces rebuild well, yet the swap fails: Orbo\'s decoder cannot read a code it was never trained on.',
      view: 'swap-preview-heading',
    },
    {
      title: 'The same trick on handwriting',
      setup: 'start=digit-styles',
      press: 'Press Play.',
      point: 'A thin digit comes out in thick strokes, keeping its shape and slant: the content travels through the code, the style comes from the decoder.',
      view: 'swap-preview-heading',
    },
    {
      title: 'From toy faces to real deepfakes',
      press: 'Read the panel together.',
      point: 'Real face-swap tools use the same layout, with bigger networks, aligned face crops and thousands of pictures of each person.',
      view: 'swap-real-heading',
    },
  ],
};
