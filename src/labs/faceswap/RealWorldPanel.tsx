/**
 * What the toy lab means for real face swaps: the same trick at a larger
 * scale, the harm it is used for, and how such videos are caught. Short and
 * sober, for reading aloud in a classroom; written for this project.
 */
import './faceswap.css';

export interface RealWorldPanelProps {
  /** The detection lab exists: point to it instead of announcing it. */
  detectionLabAvailable?: boolean;
  /** Where the detection lab lives, when it does. */
  detectionLabHref?: string;
}

export function RealWorldPanel({ detectionLabAvailable = false, detectionLabHref }: RealWorldPanelProps) {
  return (
    <div className="real-world">
      <section>
        <h3>The same trick, much bigger</h3>
        <p>
          Real face-swap software uses the idea you just trained: one encoder shared by two people, one decoder for each. What changes
          is the scale. Instead of cartoon faces it needs thousands of photos or video frames of both people, with faces found, cut
          out and lined up, and hours to days of training on a graphics card (GPU). The swapped face is then pasted back into every
          frame of the target video.
        </p>
      </section>
      <section>
        <h3>Consent comes first</h3>
        <p>
          Putting someone's face into a picture or video they never made, without their agreement, takes their likeness away from
          them. Most harmful deepfakes are sexual images of real people made without consent, and most of their victims are women.
          Making or sharing them hurts real people, and it is against the law in a growing number of places.
        </p>
      </section>
      <section>
        <h3>Fraud and disinformation</h3>
        <p>
          Fake video calls and cloned voices have been used to pose as a boss or a relative and ask for money. Fabricated clips of
          politicians can spread faster than any correction. The tools that dub films or bring back an actor's younger face are the
          same ones.
        </p>
      </section>
      <section>
        <h3>The liar's dividend</h3>
        <p>
          Once everyone knows video can be faked, a real recording becomes easier to wave away as "a deepfake". That doubt helps
          people who are caught on camera doing something real, so fakes do harm even when nobody believes them.
        </p>
      </section>
      <section>
        <h3>How swaps are caught</h3>
        <ul>
          <li><strong>Blending edges:</strong> the seam where the new face meets the old head, hair and neck, often blurred or flickering between frames.</li>
          <li><strong>Light that does not match:</strong> shadows, reflections in the eyes or skin tone that disagree with the rest of the scene.</li>
          <li><strong>Frequency traces:</strong> decoders that upsample leave faint regular patterns in the fine detail, which a trained detector can pick up.</li>
          <li><strong>Provenance:</strong> cameras and editing tools that sign what they record (content credentials such as C2PA), so an untouched original can be shown to be one.</li>
        </ul>
        <p>
          Detectors and forgers improve in turn, so no single test is final.{' '}
          {detectionLabAvailable
            ? detectionLabHref
              ? <>Try these checks yourself in the <a href={detectionLabHref}>detection lab</a>.</>
              : <>Try these checks yourself in the detection lab.</>
            : <>A detection lab, where you train a model to spot swaps like the ones made here, is planned.</>}
        </p>
      </section>
    </div>
  );
}
