/** Voice clones in the real world: the same trick at a larger scale, consent and the law, fraud, and how clones are caught. Short and sober, for reading aloud. */
export function VoiceConsentPanel() {
  return (
    <section className="panel voice-consent" aria-labelledby="voice-consent-heading">
      <h2 id="voice-consent-heading" className="panel-title">From toy voices to real voice clones</h2>
      <div className="voice-real-world">
        <section>
          <h3>The same trick, much bigger</h3>
          <p>
            Real voice-conversion tools use the idea you just trained: a shared encoder that keeps what is said and a decoder that adds who
            says it. Instead of two invented voices they learn from minutes to hours of recordings of real people, and a vocoder network
            turns the result into natural sound. No real voice is used in this lab: Juno and Orbo are a buzz through three filters.
          </p>
        </section>
        <section>
          <h3>Consent comes first</h3>
          <p>
            Making someone say words they never said, in their own voice, without their agreement, takes their voice away from them.
            Cloning a real person's voice without consent hurts real people, and it is against the law in a growing number of places.
          </p>
        </section>
        <section>
          <h3>Fraud and disinformation</h3>
          <p>
            Cloned voices have been used on the phone to pose as a boss or a relative and ask for money, and in fake recordings of
            politicians that spread faster than any correction. Agree a family code word, and call back on a number you know.
          </p>
        </section>
        <section>
          <h3>How clones are caught</h3>
          <p>
            Rebuilt phase and smeared harmonics (listen to the converted voice here), breaths and room sound that do not match, and
            detectors trained on clones; speaker-verification systems are tested against clones too. Detectors and forgers improve in turn,
            so no single test is final.
          </p>
        </section>
      </div>
    </section>
  );
}
