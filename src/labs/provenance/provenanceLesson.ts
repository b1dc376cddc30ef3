/** The provenance lab's lesson script: sign, trust, tamper, strip, and what each verdict means. */
import type { LessonScript } from '../shared/lessonScript';

export const PROVENANCE_LESSON: LessonScript = {
  labId: 'provenance',
  title: 'Content Credentials: what a signature proves',
  steps: [
    {
      title: 'A forgery that says so',
      setup: 'seed=3',
      press: 'Point at the picture and the verdict, then at "History" below it.',
      point: 'The digit forger drew this picture, and its Content Credentials say so: "created" by a trained model, which model, which seed. The signature is correct, yet the verdict is only "Valid": nobody you trust vouches for the signer.',
    },
    {
      title: 'Trust is a choice',
      setup: 'seed=3',
      press: 'Tick "Trust the lab\'s classroom root" beside the verdict.',
      point: 'Now it reads "Trusted": the same file, the same signature; what changed is your list of roots. Anyone can make a certificate; trust comes from whom you chose to believe.',
    },
    {
      title: 'One pixel',
      setup: 'seed=3',
      press: 'Press "Change one pixel" under "Break it on purpose".',
      point: 'The picture looks the same, but the hash of its bytes no longer matches the one signed: the validator says exactly which check failed, and the verdict is "Invalid".',
    },
    {
      title: 'Stripped is not fake',
      setup: 'seed=3',
      press: 'Press "Strip the credentials", then "Re-save as JPEG".',
      point: 'Both come out with no credentials at all, not "Invalid": most pictures online carry none, and re-saving drops them. Missing credentials prove nothing either way, which is why an invisible watermark is a second line.',
    },
    {
      title: 'Edits leave a history',
      setup: 'seed=3&edit=invert',
      press: 'Press "Edit and re-sign", then read "History".',
      point: 'The edited picture gets a new manifest that records the edit and carries the original, with its own credentials, as its parent ingredient: the chain of changes stays readable.',
      view: 'provenance-history-heading',
    },
  ],
};
