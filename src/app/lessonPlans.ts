/**
 * Ready lessons of about fifty minutes, built from the labs' lesson scripts: each part either
 * opens a lab at one of its steps (in presentation mode) or is talk without a lab. Questions
 * are for the students; "expect" is what the lab really shows, for the lecturer.
 */

export interface LabPart {
  kind: 'lab';
  /** A lab's registry id and a step of its lesson script, counted from 0. */
  labId: string;
  step: number;
  minutes: number;
  questions: readonly string[];
  expect: string;
}

export interface TalkPart {
  kind: 'talk';
  title: string;
  minutes: number;
  /** What to say or discuss. */
  text: string;
  questions: readonly string[];
}

export type LessonPart = LabPart | TalkPart;

export interface LessonPlan {
  id: string;
  title: string;
  /** Who it suits and what they leave with, a sentence or two. */
  summary: string;
  parts: readonly LessonPart[];
}

const lab = (labId: string, step: number, minutes: number, questions: string[], expect: string): LabPart =>
  ({ kind: 'lab', labId, step, minutes, questions, expect });
const talk = (title: string, minutes: number, text: string, questions: string[] = []): TalkPart =>
  ({ kind: 'talk', title, minutes, text, questions });

export const LESSON_PLANS: readonly LessonPlan[] = [
  {
    id: 'gan',
    title: 'How a GAN learns, and how it fails',
    summary: 'The adversarial duel behind GAN deepfakes, on points a class can see, then on handwriting. Students leave able to explain the two players, and name three failures and their fixes.',
    parts: [
      talk('Forging without an example', 4,
        'Ask how a program could learn to forge something it is never shown directly. Introduce the two players: a forger (generator) and a detective (discriminator), each learning from the other.',
        ['If the detective only ever says "real" or "fake", what could the forger learn from that?']),
      lab('adversarial', 0, 5, ['What does the shading behind the points mean?', 'Where do the fakes start, and why there?'],
        'The fakes start scattered wherever the untrained generator puts them, many of them off the ring.'),
      lab('adversarial', 1, 6, ['Why do the arrows get shorter over time?', 'When would the discriminator be unable to tell real from fake?'],
        'Within a minute or so the fakes spread onto the ring and "modes covered" climbs towards 8 of 8.'),
      lab('adversarial', 2, 6, ['The fakes look perfect, so what is wrong?', 'Why might the generator stop exploring?'],
        'Sharp fakes on only two or three of the eight clusters, and they stay there.'),
      lab('adversarial', 3, 5, ['Why does judging four samples together expose a forger that repeats itself?'],
        'The same set-up covers most of the ring once the discriminator judges packs of four.'),
      lab('adversarial', 4, 5, ['The discriminator is winning; why is that bad news for the generator?'],
        'D(fake) stays near 0 and the fakes never land on the ring.'),
      lab('adversarial', 5, 4, ['Only one formula changed. What does the generator now try to maximise?'],
        'A much stronger generator gradient, and the fakes land on the clusters.'),
      lab('adversarial', 6, 3, ['What do very long arrows do to the fakes?'], 'The fakes are thrown back and forth around the ring and never settle.'),
      lab('adversarial', 7, 3, ['What does the falling Wasserstein estimate measure?'], 'The fakes gather on the ring and the estimate falls in the training curves.'),
      lab('digits', 0, 5, ['Same duel, but on pictures: what changes, and what stays the same?'],
        'Static turns into strokes and digit-like shapes within a minute or two of training.'),
      talk('Wrap-up', 4,
        'Recap: two networks, one game, and why it is fragile. The same game, with far bigger networks and data, made the first photographic fake faces.',
        ['Which of today\'s failures would you expect to see in a real face generator, and how would it show?']),
    ],
  },
  {
    id: 'faceswap',
    title: 'How a face swap works, and why it needs a shared encoder',
    summary: 'The classic face-swap deepfake on cartoon faces: one shared encoder, two decoders. Students leave able to draw the architecture, explain why sharing the encoder is the trick, and discuss consent.',
    parts: [
      talk('Two people, one machine', 5,
        'Show a face-swap example everyone knows (a film de-ageing or a dubbing demo) and ask what the machine must know about each face.',
        ['What stays the same when a face is swapped, and what changes?']),
      lab('faceswap', 0, 8, ['Which picture in each row is the swap?', 'Why does each decoder only ever see its own face in training?'],
        'Each row shows the face, its rebuild and the swap; the swaps look like the other character wearing the first one\'s expression.'),
      lab('faceswap', 1, 7, ['Which sliders carry over to the other face? Are any carried badly?'],
        'Mouth and eyes follow closely; head position and tilt are carried least well.'),
      lab('faceswap', 2, 6, ['What would it mean if the two clouds sat far apart?'],
        'With a shared encoder the two faces\' codes mix in one cloud.'),
      lab('faceswap', 3, 8, ['Both faces rebuild well here, so why does the swap fail?'],
        'Rebuilds stay good but the swapped column comes out wrong: the other decoder cannot read a foreign code.'),
      lab('faceswap', 4, 5, ['What plays the role of "expression" for a digit, and what plays "identity"?'],
        'Thin digits come out thick, keeping the digit and its slant.'),
      lab('faceswap', 5, 8, ['Who is harmed by a face swap made without consent?', 'What does the "liar\'s dividend" mean for real videos?'],
        'The panel on real deepfakes, read and discussed together.'),
      talk('Wrap-up', 3, 'Recap the architecture on the board: encoder, code, two decoders, and the swap as a change of decoder.',
        ['Why do real face-swap tools need thousands of pictures of each person?']),
    ],
  },
  {
    id: 'judging',
    title: 'Can you tell? Judging forgeries by eye and by number',
    summary: 'Forged handwriting, a class quiz and the scores researchers use. Students leave knowing that people are poor judges of forgeries and how quality and variety are measured.',
    parts: [
      talk('How good is good enough?', 4,
        'Ask the class how they would decide whether a forged signature is "good". Collect answers: looks right, varied, fools people.',
        ['Is fooling one person the same as being a good forgery?']),
      lab('digits', 0, 6, ['At which moment would you first call these digits?'],
        'Static turns into strokes and then digit-like shapes.'),
      lab('digits', 1, 6, ['Where on the timeline do the forgeries start to fool you?'],
        'The shipped forger\'s timeline replays the journey from static to sharp digits.'),
      lab('digits', 2, 10, ['How many of the eight fakes did the class find?', 'What gave the ones you found away?'],
        'Few people find all eight; the forgeries that are caught usually give themselves away by broken or smudged strokes.'),
      lab('digits', 3, 5, ['What does telling the generator which digit to draw change?'],
        'The conditional forger draws the digit each caption asks for.'),
      lab('digits', 4, 6, ['Does the morph jump or flow? What would a jump tell you?'],
        'Most walks morph smoothly from one digit into another.'),
      lab('digits', 5, 6, ['Why use a classifier to score forgeries instead of asking people?', 'Which score would reveal mode collapse?'],
        'The curves fill in as training runs (press Play); both scores come from the project\'s own digit classifier, beside the figure for real digits.'),
      lab('adversarial', 2, 4, ['Would a forger that only draws perfect 1s score well on "looks right"? On variety?'],
        'Sharp fakes on only a few clusters: high quality, poor variety.'),
      talk('Wrap-up', 3, 'People are poor judges of good forgeries, so researchers measure quality and variety with classifiers, and catching fakes needs more than eyes.',
        ['If people cannot tell, what else could prove where a picture came from?']),
    ],
  },
];

export function lessonMinutes(plan: LessonPlan): number {
  return plan.parts.reduce((sum, part) => sum + part.minutes, 0);
}
