/** What detection can and cannot promise, and where the provenance lab takes over. */
export function ClosingPanel() {
  return (
    <section className="panel detection-closing" aria-labelledby="detection-closing-heading">
      <h2 id="detection-closing-heading" className="panel-title">What a detector can and cannot promise</h2>
      <ul className="closing-list">
        <li><strong>It knows the forgers it has seen.</strong> Trained on one generator's fakes, it catches them well; on another generator's it can fall to little better than chance (the "every forger" table above). New generators appear faster than detectors are retrained.</li>
        <li><strong>Its clues are fragile.</strong> The traces it reads are often the faintest parts of a picture, and an ordinary JPEG save, a resize or a blur removes or swamps them (the laundering chart).</li>
        <li><strong>It can be trained against.</strong> Any detector a forger can run becomes one more adversary to fine-tune against: each round's detector is beaten by the next round's forger (the arms race).</li>
        <li><strong>It gives odds, not proof.</strong> A threshold trades fakes missed for real pictures accused; on millions of real pictures even a 1% false-alarm rate accuses thousands.</li>
      </ul>
      <p>
        Detection asks "does this look fake?" after the fact. The other approach asks "where does this come from?" from the start: cameras and editing tools sign what they record,
        and anyone can check the signature later. <a href="#/provenance" data-testid="to-provenance">Continue to the provenance lab</a> to sign a picture and see what a signature can and cannot prove.
      </p>
    </section>
  );
}
