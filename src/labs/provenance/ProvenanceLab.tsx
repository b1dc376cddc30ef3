/**
 * The provenance lab: real Content Credentials (C2PA) on the pictures this app's forger draws.
 * The page signs each picture with a certificate chain it made itself (WebCrypto + X.509), has
 * c2pa-rs (WebAssembly, loaded only here) validate it, and lets the learner trust the root,
 * tamper with the file in five ways, edit and re-sign (the original becomes an ingredient),
 * download the file and load any file back to inspect.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

import forgerModelUrl from '../../../models/digitGan-dcgan-conditional.weights?url';
import { certificatePem, describeCertificate, type CertificateSummary, type SigningCredentials } from '../../core/provenance/credentials';
import { readForgedDigits, type ForgedDigitSet } from '../../core/provenance/forgedDigits';
import { createdManifest, editedManifest, watermarkedFaceManifest } from '../../core/provenance/manifestDefinitions';
import { toyFaceChoice, toyFacePicture } from '../../core/provenance/provenancePictures';
import { markForSoftBinding, recoverByWatermark, softBindingPayload, type SoftBindingOutcome } from '../../core/provenance/softBinding';
import { checkPictureStructure, stripManifestStore, transplantPngManifestStore, type PictureFormat } from '../../core/provenance/pictureFile';
import { replaceManifestText, swapSignature } from '../../core/provenance/credentialTampering';
import { validationReport, type ValidationReport } from '../../core/provenance/validationReport';
import type { LabPageProps } from '../shared/labPage';
import { LabHeader } from '../shared/LabHeader';
import { LoadingBanner } from '../shared/SessionBanners';
import { CollapsibleSection } from '../shared/CollapsibleSection';
import { ShareLinkPanel } from '../shared/ShareLinkPanel';
import { ShortcutHelpSection } from '../shared/ShortcutHelpSection';
import { downloadBlob } from '../shared/download';
import { PLAY_BUTTON_ID } from '../shared/keyboardShortcuts';
import { messageOf } from '../shared/messageOf';
import { useKeyboardShortcuts } from '../shared/useKeyboardShortcuts';
import { linkFor, useLinkHash } from '../shared/useLinkHash';
import { useNotices } from '../shared/useNotices';
import type { C2paEngine } from './c2paEngine';
import { findSoftBinding, loadOrCreateCredentials, rememberSoftBinding, rememberTrust, replaceCredentials } from './credentialStore';
import { EDITS, applyEdit, changeOnePixel, decodePicture, digitImage, encodePicture, type EditKind } from './pictureCanvas';
import { EDIT_KINDS, PICTURE_COUNT, PROVENANCE_LAB_PATH, provenanceLinkHash, readProvenanceLink, type ProvenanceSetup } from './provenanceLink';
import { PROVENANCE_TOUR } from './provenanceTour';
import { VerdictCard } from './VerdictCard';
import { ManifestHistory } from './ManifestHistory';
import { WatermarkPanel } from './WatermarkPanel';
import '../shared/trainingToolbar.css';
import './provenance.css';

/** Pause between two pictures while Play signs them one after another. */
const PLAY_INTERVAL_MS = 1200;

/** A file the inspector shows: its bytes, where it came from, and what the validator said. */
interface InspectedFile {
  name: string;
  bytes: Uint8Array;
  format: PictureFormat;
  /** What happened to it, in words ("signed by the lab", "one pixel changed"). */
  story: string;
  report: ValidationReport | null;
  /** Why the validator could not read it (a damaged manifest), when it could not. */
  readError: string | null;
  /** Milliseconds c2pa-rs took to validate it. */
  verifyMs: number;
  url: string;
  /** For a file without credentials: what its watermark says (soft binding), and the recovered manifest's check. */
  recovery: Recovery | null;
}

/** Soft binding's answer for a file with no credentials. */
interface Recovery {
  outcome: SoftBindingOutcome;
  /** c2pa-rs's check of the file the mark pointed to (when it pointed to one). */
  report: ValidationReport | null;
  /** The signed picture on file, to show beside the bare one. */
  url: string | null;
}

/** The soft-binding outcome in words, for the inspector. */
function recoveryWords(r: Recovery): string {
  const o = r.outcome;
  switch (o.kind) {
    case 'recovered': return `No credentials in the file, but its watermark points to manifest ${o.record.payload} (${o.record.title}, signed ${new Date(o.record.signedAt).toLocaleString('en-GB')}): here it is.`;
    case 'unknown': return `No credentials in the file. Its watermark carries the number ${o.payload}, but no manifest is filed under it in this browser.`;
    case 'unreadable': return 'No credentials in the file. The lab\'s watermark is there, but too damaged to read its number.';
    case 'no-mark': return 'No credentials in the file, and no watermark of the lab\'s in its pixels: nothing to look up.';
    case 'unsearchable': return `No credentials in the file; its pixels were not searched for a watermark: ${o.reason}`;
    case 'credentials': return '';
  }
}

/** A picture the lab signed (the starting point of every tampering). */
interface SignedPicture {
  name: string;
  bytes: Uint8Array;
  pictureNumber: number;
}

async function loadEngine(): Promise<C2paEngine> {
  const { C2paEngine: Engine } = await import('./c2paEngine');
  return Engine.load();
}

async function loadForgedDigits(): Promise<ForgedDigitSet> {
  const response = await fetch(forgerModelUrl);
  if (!response.ok) throw new Error(`The forger's model file could not be loaded (HTTP ${response.status}).`);
  return readForgedDigits(new Uint8Array(await response.arrayBuffer()));
}

export function ProvenanceLab({ query }: LabPageProps) {
  const [initial] = useState(() => readProvenanceLink(query));
  const notices = useNotices(initial.notices.map((text) => ({ kind: 'warning' as const, text })));
  const { push: pushNotice, reportError } = notices;
  const [setup, setSetup] = useState<ProvenanceSetup>(initial.setup);
  const hash = useLinkHash(PROVENANCE_LAB_PATH, provenanceLinkHash(setup));

  const [engine, setEngine] = useState<C2paEngine | null>(null);
  const [digits, setDigits] = useState<ForgedDigitSet | null>(null);
  const [credentials, setCredentials] = useState<SigningCredentials | null>(null);
  const [certificates, setCertificates] = useState<{ root: CertificateSummary; leaf: CertificateSummary } | null>(null);
  const [trusted, setTrusted] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);
  const [signedCount, setSignedCount] = useState(0);
  const [signMs, setSignMs] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [running, setRunning] = useState(false);
  const [inspected, setInspected] = useState<InspectedFile | null>(null);
  const [signed, setSigned] = useState<SignedPicture | null>(null);
  const [previousSigned, setPreviousSigned] = useState<SignedPicture | null>(null);
  const [loadRefusal, setLoadRefusal] = useState<string | null>(null);
  const [firstSigned, setFirstSigned] = useState(false);
  const [lastMark, setLastMark] = useState<number | null>(null);

  // Everything async reads the latest state through this ref, so a slow signature never acts on stale values.
  const live = useRef({ engine, digits, credentials, trusted, signedCount, setup, inspected, signed, previousSigned, busy });
  useEffect(() => {
    live.current = { engine, digits, credentials, trusted, signedCount, setup, inspected, signed, previousSigned, busy };
  });

  // Set once signPicture exists (below); the start-up effect calls it after loading.
  const firstSignature = useRef<(n: number) => Promise<unknown>>(async () => undefined);

  // Start: the engine (lazy chunk + WebAssembly), the forger's pictures and the stored keys, side by side.
  useEffect(() => {
    let current = true;
    let loaded: C2paEngine | null = null;
    Promise.all([loadEngine(), loadForgedDigits(), loadOrCreateCredentials()]).then(
      async ([e, d, stored]) => {
        loaded = e;
        if (!current) {
          e.dispose();
          return;
        }
        const [root, leaf] = await Promise.all([describeCertificate(stored.credentials.rootCertificate), describeCertificate(stored.credentials.leafCertificate)]);
        setEngine(e);
        setDigits(d);
        setCredentials(stored.credentials);
        setCertificates({ root, leaf });
        setTrusted(stored.trusted);
        Object.assign(live.current, { engine: e, digits: d, credentials: stored.credentials, trusted: stored.trusted });
        // The first picture, signed as soon as everything is loaded (guarded: a failure is a notice).
        await firstSignature.current(live.current.setup.seed);
        if (current) setFirstSigned(true);
      },
    ).catch((error: unknown) => {
      if (current) setStartError(`The lab could not start: ${messageOf(error)}`);
    });
    return () => {
      current = false;
      loaded?.dispose();
    };
  }, []);

  const anchorPem = useCallback((trust: boolean, creds: SigningCredentials | null) => (trust && creds ? certificatePem(creds.rootCertificate) : null), []);

  /** Validates bytes with c2pa-rs and shows them in the inspector. */
  const inspect = useCallback(async (name: string, bytes: Uint8Array, story: string, trust?: boolean): Promise<InspectedFile | null> => {
    const { engine: e, credentials: creds, trusted: t } = live.current;
    if (!e) return null;
    const format = checkPictureStructure(bytes);
    const started = performance.now();
    let report: ValidationReport | null = null;
    let readError: string | null = null;
    try {
      report = validationReport(await e.inspect(bytes, format, anchorPem(trust ?? t, creds)));
    } catch (error) {
      readError = messageOf(error);
    }
    const verifyMs = performance.now() - started;
    let recovery: Recovery | null = null;
    if (report?.verdict === 'none' && !readError) {
      // Soft binding: no credentials in the file, so ask its pixels for the lab's watermark and look its number up.
      const image = await decodePicture(bytes, format);
      const outcome = await recoverByWatermark({ width: image.width, height: image.height, data: image.data }, false, findSoftBinding);
      let recoveredReport: ValidationReport | null = null;
      if (outcome.kind === 'recovered') recoveredReport = validationReport(await e.inspect(outcome.record.file, outcome.record.format, anchorPem(trust ?? t, creds)));
      const recoveredUrl = outcome.kind === 'recovered' ? URL.createObjectURL(new Blob([outcome.record.file as Uint8Array<ArrayBuffer>], { type: outcome.record.format })) : null;
      recovery = { outcome, report: recoveredReport, url: recoveredUrl };
    }
    const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: format }));
    const file: InspectedFile = { name, bytes, format, story, report, readError, verifyMs, url, recovery };
    setInspected((old) => {
      if (old) URL.revokeObjectURL(old.url);
      if (old?.recovery?.url) URL.revokeObjectURL(old.recovery.url);
      return file;
    });
    return file;
  }, [anchorPem]);

  useEffect(() => () => {
    if (live.current.inspected) URL.revokeObjectURL(live.current.inspected.url);
    if (live.current.inspected?.recovery?.url) URL.revokeObjectURL(live.current.inspected.recovery.url);
  }, []);

  /** Signs picture number n (1–64) as the forger's output, then inspects it. */
  const signPicture = useCallback(async (n: number): Promise<SignedPicture | null> => {
    const { engine: e, digits: d, credentials: creds } = live.current;
    if (!e || !d || !creds) return null;
    const digit = d.digits[(n - 1) % d.digits.length];
    const name = `forged-digit-${n}${digit.digit === null ? '' : `-a-${digit.digit}`}.png`;
    const png = await encodePicture(digitImage(digit), 'image/png');
    const started = performance.now();
    const bytes = await e.sign(creds, {
      definition: createdManifest(name, {
        lab: 'Digit forger', model: `conditional DCGAN, pretrained (${d.step.toLocaleString('en-US')} steps)`, seed: d.seed, cell: digit.cell, digit: digit.digit,
      }),
      picture: png,
      format: 'image/png',
    });
    setSignMs(performance.now() - started);
    const picture = { name, bytes, pictureNumber: n };
    setPreviousSigned(live.current.signed);
    setSigned(picture);
    live.current.previousSigned = live.current.signed;
    live.current.signed = picture;
    setSignedCount((c) => c + 1);
    await inspect(name, bytes, 'Signed by the lab just now');
    return picture;
  }, [inspect]);

  const guarded = useCallback(async (what: string, task: () => Promise<unknown>) => {
    if (live.current.busy) return;
    live.current.busy = true;
    setBusy(true);
    try {
      await task();
    } catch (error) {
      reportError(`${what} failed: ${messageOf(error)}`);
    } finally {
      live.current.busy = false;
      setBusy(false);
    }
  }, [reportError]);

  useEffect(() => {
    firstSignature.current = (n) => guarded('Signing the first picture', () => signPicture(n));
  }, [guarded, signPicture]);

  const nextPictureNumber = () => ((live.current.setup.seed - 1 + live.current.signedCount) % PICTURE_COUNT) + 1;
  const signNext = useCallback(() => guarded('Signing', () => signPicture(nextPictureNumber())), [guarded, signPicture]);

  const ready = engine !== null && digits !== null && credentials !== null;

  /** Soft binding: a toy face, watermarked with a fresh number, signed, and filed under that number in this browser. */
  const signMarkedFace = useCallback(() => guarded('Signing a watermarked toy face', async () => {
    const { engine: e, credentials: creds } = live.current;
    if (!e || !creds) throw new Error('The lab is still starting.');
    const seed = live.current.setup.seed + live.current.signedCount;
    const face = toyFaceChoice(seed);
    const markNumber = softBindingPayload(crypto.getRandomValues(new Uint32Array(1))[0]);
    const marked = markForSoftBinding(toyFacePicture(seed), markNumber);
    const png = await encodePicture(new ImageData(new Uint8ClampedArray(marked.data), marked.width, marked.height), 'image/png');
    const name = `toy-face-${face.identity}-${seed}-marked.png`;
    const started = performance.now();
    const bytes = await e.sign(creds, { definition: watermarkedFaceManifest(name, { character: face.name, seed, markNumber }), picture: png, format: 'image/png' });
    setSignMs(performance.now() - started);
    const filed = await rememberSoftBinding({ payload: markNumber, title: name, file: bytes, format: 'image/png', signedAt: new Date().toISOString() });
    if (!filed) pushNotice('warning', 'This browser would not store the signed file, so its watermark will point nowhere once the page is closed.');
    const picture = { name, bytes, pictureNumber: ((seed - 1) % PICTURE_COUNT) + 1 };
    setPreviousSigned(live.current.signed);
    setSigned(picture);
    live.current.previousSigned = live.current.signed;
    live.current.signed = picture;
    setSignedCount((c) => c + 1);
    setLastMark(markNumber);
    await inspect(name, bytes, `A toy face signed by the lab just now, its watermark carrying the number ${markNumber}`);
  }), [guarded, inspect, pushNotice]);


  // Play: one picture after another, each signed and checked.
  useEffect(() => {
    if (!running || !ready) return;
    let current = true;
    let timer = 0;
    const tick = async () => {
      await signNext();
      if (current) timer = window.setTimeout(() => void tick(), PLAY_INTERVAL_MS);
    };
    timer = window.setTimeout(() => void tick(), 0);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [running, ready, signNext]);

  useKeyboardShortcuts({
    togglePlay: () => { if (ready) setRunning((r) => !r); },
    stepBoth: () => { if (ready && !running) void signNext(); },
  });

  const setTrust = useCallback((trust: boolean) => {
    setTrusted(trust);
    live.current.trusted = trust;
    void rememberTrust(trust);
    const file = live.current.inspected;
    if (file) void guarded('Checking again', () => inspect(file.name, file.bytes, file.story, trust));
  }, [guarded, inspect]);

  const newKeys = useCallback(() => guarded('Making new keys', async () => {
    const creds = await replaceCredentials();
    const [root, leaf] = await Promise.all([describeCertificate(creds.rootCertificate), describeCertificate(creds.leafCertificate)]);
    live.current.credentials = creds;
    live.current.trusted = false;
    setCredentials(creds);
    setCertificates({ root, leaf });
    setTrusted(false);
    pushNotice('success', 'New root and signing keys made. Pictures signed before were signed by the old root, which you no longer trust.');
    const file = live.current.inspected;
    if (file) await inspect(file.name, file.bytes, file.story, false);
  }), [guarded, inspect, pushNotice]);

  const tamper = useCallback((what: string, make: (original: SignedPicture) => Promise<{ bytes: Uint8Array; name: string; story: string }>) =>
    guarded(what, async () => {
      const original = live.current.signed;
      if (!original) throw new Error('Sign a picture first.');
      const out = await make(original);
      await inspect(out.name, out.bytes, out.story);
    }), [guarded, inspect]);

  const stem = (name: string) => name.replace(/\.(png|jpe?g)$/i, '');

  const onePixel = () => tamper('Changing one pixel', async (original) => {
    const changed = changeOnePixel(await decodePicture(original.bytes, 'image/png'));
    const png = await encodePicture(changed.image, 'image/png');
    return {
      bytes: transplantPngManifestStore(original.bytes, png),
      name: `${stem(original.name)}-one-pixel.png`,
      story: `One pixel (x ${changed.x}, y ${changed.y}) changed after signing; the credentials kept as they were`,
    };
  });

  const manifestText = () => tamper('Changing the manifest', async (original) => {
    const [from, to] = original.name.startsWith('toy-face') ? ['toy-face renderer', 'toy-fac3 renderer'] : ['Digit forger', 'Digit f0rger'];
    return {
      bytes: replaceManifestText(original.bytes, from, to),
      name: `${stem(original.name)}-manifest-edited.png`,
      story: `The manifest's text changed after signing ("${from}" became "${to}")`,
    };
  });

  const signatureSwap = () => tamper('Swapping the signature', async (original) => {
    let donor = live.current.previousSigned;
    if (!donor || donor.pictureNumber === original.pictureNumber) {
      // Another picture's signature is needed: sign the next one (it is not shown).
      const { engine: e, digits: d, credentials: creds } = live.current;
      if (!e || !d || !creds) throw new Error('The lab is still starting.');
      const n = (original.pictureNumber % PICTURE_COUNT) + 1;
      const digit = d.digits[n - 1];
      const bytes = await e.sign(creds, {
        definition: createdManifest(`forged-digit-${n}.png`, { lab: 'Digit forger', model: 'conditional DCGAN, pretrained', seed: d.seed, cell: digit.cell, digit: digit.digit }),
        picture: await encodePicture(digitImage(digit), 'image/png'),
        format: 'image/png',
      });
      donor = { name: `forged-digit-${n}.png`, bytes, pictureNumber: n };
      setSignedCount((c) => c + 1);
    }
    return {
      bytes: swapSignature(original.bytes, donor.bytes),
      name: `${stem(original.name)}-signature-swapped.png`,
      story: `The signature replaced by the one the same key made for picture ${donor.pictureNumber}`,
    };
  });

  const strip = () => tamper('Stripping the credentials', async (original) => ({
    bytes: stripManifestStore(original.bytes),
    name: `${stem(original.name)}-stripped.png`,
    story: 'The credentials removed; the picture itself untouched',
  }));

  const reencode = () => tamper('Re-saving as JPEG', async (original) => ({
    bytes: await encodePicture(await decodePicture(original.bytes, 'image/png'), 'image/jpeg', 0.9),
    name: `${stem(original.name)}.jpg`,
    story: 'Decoded and saved again as a JPEG, as many apps and sites do',
  }));

  const editAndResign = () => guarded('Editing and re-signing', async () => {
    const { engine: e, credentials: creds, signed: original, setup: s } = live.current;
    if (!e || !creds || !original) throw new Error('Sign a picture first.');
    const edited = await encodePicture(applyEdit(await decodePicture(original.bytes, 'image/png'), s.edit), 'image/png');
    const name = `${stem(original.name)}-${s.edit}.png`;
    const started = performance.now();
    const bytes = await e.sign(creds, {
      definition: editedManifest(name, EDITS[s.edit]),
      picture: edited,
      format: 'image/png',
      parent: { bytes: original.bytes, format: 'image/png', title: original.name },
    });
    setSignMs(performance.now() - started);
    const picture = { name, bytes, pictureNumber: original.pictureNumber };
    setPreviousSigned(original);
    setSigned(picture);
    live.current.previousSigned = original;
    live.current.signed = picture;
    setSignedCount((c) => c + 1);
    await inspect(name, bytes, `${EDITS[s.edit]}, then signed again with the original as its parent ingredient`);
  });

  /** Re-saved as JPEG by an app that signs what it saves: a new manifest (APP11) with the PNG as its parent. */
  const jpegResign = () => guarded('Re-saving as JPEG and signing', async () => {
    const { engine: e, credentials: creds, signed: original } = live.current;
    if (!e || !creds || !original) throw new Error('Sign a picture first.');
    const jpeg = await encodePicture(await decodePicture(original.bytes, 'image/png'), 'image/jpeg', 0.9);
    const name = `${stem(original.name)}.jpg`;
    const started = performance.now();
    const bytes = await e.sign(creds, {
      definition: editedManifest(name, 'Re-saved as a JPEG (quality 90)', { format: 'image/jpeg', action: 'c2pa.transcoded' }),
      picture: jpeg,
      format: 'image/jpeg',
      parent: { bytes: original.bytes, format: 'image/png', title: original.name },
    });
    setSignMs(performance.now() - started);
    setSignedCount((c) => c + 1);
    await inspect(name, bytes, 'Re-saved as a JPEG by an app that signs what it saves, with the PNG as its parent ingredient');
  });

  const loadFile = async (file: File) => {
    setLoadRefusal(null);
    await guarded('Loading the file', async () => {
      const bytes = new Uint8Array(await file.arrayBuffer());
      try {
        const format = checkPictureStructure(bytes);
        await decodePicture(bytes, format);
      } catch (error) {
        const reason = `"${file.name}" was not loaded: ${messageOf(error)}`;
        setLoadRefusal(reason);
        pushNotice('error', reason);
        return;
      }
      await inspect(file.name, bytes, 'Loaded from your computer');
    });
  };

  const download = () => {
    if (!inspected) return;
    downloadBlob(inspected.name, new Blob([inspected.bytes as Uint8Array<ArrayBuffer>], { type: inspected.format }));
  };

  const playPause = () => setRunning((r) => !r);
  const disabled = !ready || busy;
  const nextNumber = ((setup.seed - 1 + signedCount) % PICTURE_COUNT) + 1;
  const startProblem = startError;

  return (
    <div className="lab provenance-lab">
      <LabHeader title="Provenance lab" labId="provenance" tour={PROVENANCE_TOUR} notices={notices} startProblem={startProblem}>
        Deepfakes can be <strong>labelled</strong> instead of detected: here every picture the digit forger draws is signed with
        real <strong>Content Credentials</strong> (C2PA) and checked by c2pa-rs, the reference validator. Tamper with it and see what a
        signature proves, and what it does not: <strong>valid</strong> is not <strong>trusted</strong>, and <strong>no credentials</strong> is not <strong>fake</strong>.
      </LabHeader>
      <div className="lab-layout">
        <aside className="lab-sidebar lab-controls" aria-label="Settings">
          <CollapsibleSection title="Pictures" defaultOpen intro="The pictures are the 64 digits the forger's pretrained conditional GAN drew from its fixed noise: forgeries by design.">
            <div className="field">
              <label htmlFor="provenance-seed">First picture (grid cell, 1–{PICTURE_COUNT})</label>
              <input id="provenance-seed" data-testid="seed" type="number" min={1} max={PICTURE_COUNT} step={1} defaultValue={setup.seed} key={setup.seed}
                onKeyDown={(e) => {
                  if (e.key !== 'Enter') return;
                  const n = Number((e.target as HTMLInputElement).value);
                  if (Number.isInteger(n) && n >= 1 && n <= PICTURE_COUNT) setSetup((s) => ({ ...s, seed: n }));
                  else reportError(`The first picture must be a whole number from 1 to ${PICTURE_COUNT}.`);
                }}
                onBlur={(e) => {
                  const n = Number(e.target.value);
                  if (Number.isInteger(n) && n >= 1 && n <= PICTURE_COUNT && n !== setup.seed) setSetup((s) => ({ ...s, seed: n }));
                }}
                aria-describedby="provenance-seed-help" />
              <p className="field-help" id="provenance-seed-help">Which of the forger's pictures Step signs first; each Step signs the next one. The next is picture {nextNumber}.</p>
            </div>
            <div className="field">
              <label htmlFor="provenance-edit">Edit made by "Edit and re-sign"</label>
              <select id="provenance-edit" data-testid="edit-kind" value={setup.edit} onChange={(e) => setSetup((s) => ({ ...s, edit: e.target.value as EditKind }))}>
                {EDIT_KINDS.map((k) => <option key={k} value={k}>{EDITS[k]}</option>)}
              </select>
            </div>
          </CollapsibleSection>
          <CollapsibleSection title="Keys and certificates" defaultOpen
            intro="Made in your browser the first time you came here, and kept in its storage. The private keys cannot be read out, not even by this page: it can only ask the browser to sign with them.">
            {certificates ? (
              <div className="provenance-certificates" data-testid="certificates">
                <CertificateFacts role="Root (certificate authority)" summary={certificates.root} />
                <CertificateFacts role="Signer (signs every picture)" summary={certificates.leaf} />
              </div>
            ) : <p className="field-help">Making keys…</p>}
            <div className="button-row">
              <button type="button" className="button-secondary" data-testid="new-keys" onClick={() => void newKeys()} disabled={disabled}>Make new keys</button>
              <button type="button" className="button-secondary" data-testid="download-root" disabled={!credentials}
                onClick={() => credentials && downloadBlob('deepfake-lab-root.pem', new Blob([certificatePem(credentials.rootCertificate)], { type: 'application/x-pem-file' }))}>
                Download the root
              </button>
            </div>
          </CollapsibleSection>
          <CollapsibleSection title="Share">
            <ShareLinkPanel link={linkFor(hash)} help="The link holds the first picture and the edit; keys and trust stay in each browser." leftOut={null} onNotice={pushNotice} />
          </CollapsibleSection>
          <ShortcutHelpSection />
        </aside>
        <div className="lab-main lab-views">
          <div className="toolbar provenance-toolbar" data-running={running || undefined}>
            <div className="training-controls" role="group" aria-label="Signing">
              <button type="button" id={PLAY_BUTTON_ID} className="button-primary button-play" data-testid="play-pause" onClick={playPause} disabled={!ready} aria-keyshortcuts="Space">
                <svg aria-hidden="true" focusable="false" className="button-icon" viewBox="0 0 16 16">
                  <path fill="currentColor" d={running ? 'M2.5 1.5h4v13h-4zM9.5 1.5h4v13h-4z' : 'M3 1.5v13l11.5-6.5z'} />
                </svg>
                <span>{running ? 'Pause' : 'Play'}</span>
              </button>
              <button type="button" data-testid="step" onClick={() => void signNext()} disabled={disabled || running} aria-keyshortcuts="ArrowRight" aria-describedby="provenance-toolbar-help">
                Step
              </button>
              <p className="field-help toolbar-help" id="provenance-toolbar-help">
                <strong>Step</strong> signs the next picture and checks it; <strong>Play</strong> keeps signing, one picture after another.
              </p>
            </div>
            <dl className="readouts">
              <div className="readout" title="Pictures the lab has signed on this page">
                <dt>Signed</dt>
                <dd data-testid="step-count">{signedCount}</dd>
              </div>
              <div className="readout" title="How long the last signature took: c2pa-rs building the manifest, hashing the picture, and WebCrypto signing">
                <dt>Signing</dt>
                <dd data-testid="sign-ms">{signMs === null ? '—' : `${Math.round(signMs)} ms`}</dd>
              </div>
              <div className="readout" title="How long c2pa-rs took to check the file shown">
                <dt>Checking</dt>
                <dd data-testid="verify-ms">{inspected ? `${Math.round(inspected.verifyMs)} ms` : '—'}</dd>
              </div>
              <div className="readout" title="The C2PA validator: c2pa-rs, the Content Authenticity Initiative's reference library, compiled to WebAssembly">
                <dt>Validator</dt>
                {/* Named once it has made its first signature, so "the validator is up" also means the lab is ready to use. */}
                <dd><span data-testid="backend-name">{engine && firstSigned ? 'c2pa-rs (wasm)' : ''}</span>{engine && firstSigned ? null : <span className="muted" data-testid="backend-state">{startError ? 'stopped' : 'starting…'}</span>}</dd>
              </div>
            </dl>
          </div>
          {!ready && !startError ? <LoadingBanner message="Loading the C2PA validator (c2pa-rs, about 3 MB) and the forger's pictures…" /> : null}
          {ready && !firstSigned && !startError ? <LoadingBanner message="Signing the first picture…" /> : null}

          <section className="panel provenance-inspector" aria-labelledby="provenance-inspector-heading" data-main-view>
            <h2 id="provenance-inspector-heading">The picture and its credentials</h2>
            <div className="provenance-inspector-body">
              <figure className="provenance-picture">
                {inspected ? <img src={inspected.url} alt={`The file under inspection: ${inspected.name}`} data-testid="inspected-picture" /> : <div className="provenance-picture-empty" />}
                <figcaption>
                  <span className="provenance-file-name" data-testid="file-name">{inspected?.name ?? '—'}</span>
                  <span className="muted">{inspected ? `${inspected.story}. ${inspected.format === 'image/png' ? 'PNG' : 'JPEG'}, ${inspected.bytes.length.toLocaleString('en-US')} bytes.` : ''}</span>
                </figcaption>
              </figure>
              <VerdictCard report={inspected?.report ?? null} readError={inspected?.readError ?? null} pending={!inspected}
                trusted={trusted} onTrust={setTrust} trustDisabled={!credentials || busy} />
            </div>
            {inspected?.recovery ? (
              <div className="provenance-recovery" data-testid="soft-binding" data-outcome={inspected.recovery.outcome.kind} role="status">
                <h3>What the pixels say (soft binding)</h3>
                <p data-testid="soft-binding-words">{recoveryWords(inspected.recovery)}</p>
                {inspected.recovery.url ? (
                  <img className="provenance-recovered-picture" src={inspected.recovery.url} alt="The signed picture the watermark's number points to, as it was filed" />
                ) : null}
                {inspected.recovery.report ? (
                  <p data-testid="soft-binding-verdict">
                    The manifest on file, checked again by c2pa-rs: <strong>{inspected.recovery.report.title}</strong>.{' '}
                    {inspected.recovery.report.manifests[0]?.actions[0]?.description ?? ''}
                    {' '}It describes the picture as it was signed; the mark only says which record to fetch, so compare the two pictures yourself.
                  </p>
                ) : null}
              </div>
            ) : null}
            <div className="button-row provenance-file-actions">
              <button type="button" className="button-secondary" data-testid="download-file" onClick={download} disabled={!inspected}>Download this file</button>
              <label className="button-link button-secondary provenance-load">
                Load a file to inspect…
                <input type="file" data-testid="load-file" accept="image/png,image/jpeg,.png,.jpg,.jpeg" disabled={!ready}
                  onChange={(e) => {
                    const file = e.target.files?.[0];
                    e.target.value = '';
                    if (file) void loadFile(file);
                  }} />
              </label>
            </div>
            {loadRefusal ? <p className="provenance-refusal" role="status" data-testid="load-refusal">{loadRefusal}</p> : null}
          </section>

          <section className="panel provenance-tamper" aria-labelledby="provenance-tamper-heading">
            <h2 id="provenance-tamper-heading">Break it on purpose</h2>
            <p className="section-intro">Each button starts from the last picture the lab signed{signed ? ` (${signed.name})` : ''} and shows the result above.</p>
            <div className="provenance-tamper-grid">
              <TamperButton testId="tamper-pixel" label="Change one pixel" help="The picture's bytes change; the credentials are kept." onClick={onePixel} disabled={disabled || !signed} />
              <TamperButton testId="tamper-manifest" label="Change the manifest's text" help={signed?.name.startsWith('toy-face') ? '"toy-face renderer" becomes "toy-fac3 renderer" inside the manifest.' : '"Digit forger" becomes "Digit f0rger" inside the manifest.'} onClick={manifestText} disabled={disabled || !signed} />
              <TamperButton testId="tamper-signature" label="Swap the signature" help="The signature our key made for another picture." onClick={signatureSwap} disabled={disabled || !signed} />
              <TamperButton testId="tamper-strip" label="Strip the credentials" help="Remove the manifest, leave the picture." onClick={strip} disabled={disabled || !signed} />
              <TamperButton testId="tamper-jpeg" label="Re-save as JPEG" help="What many apps and sites do to an upload." onClick={reencode} disabled={disabled || !signed} />
              <TamperButton testId="jpeg-resign" label="Re-save as JPEG and sign" help="As an app that keeps credentials would: a new manifest, the PNG as parent." onClick={jpegResign} disabled={disabled || !signed} />
              <TamperButton testId="edit-resign" label="Edit and re-sign" help={`${EDITS[setup.edit]}; the original becomes an ingredient.`} onClick={editAndResign} disabled={disabled || !signed} />
            </div>
          </section>

          <section className="panel provenance-soft-binding" aria-labelledby="provenance-soft-binding-heading">
            <h2 id="provenance-soft-binding-heading">Credentials that survive stripping (soft binding)</h2>
            <p className="section-intro">
              Credentials live beside the pixels, so any app can drop them. C2PA&apos;s answer: also hide a number in the pixels (an invisible watermark) and
              file the signed manifest under that number, here in this browser&apos;s storage. A picture that arrives bare is searched for the number and its manifest fetched back.
            </p>
            <div className="provenance-tamper-grid">
              <TamperButton testId="sign-marked-face" label="Sign a watermarked toy face"
                help="Draws a toy face, hides a fresh random number in it, signs it, and files the signed file under that number. Then strip it or re-save it as JPEG above."
                onClick={() => void signMarkedFace()} disabled={disabled} />
            </div>
            {lastMark !== null ? <p className="field-help" data-testid="last-mark">The last face signed carries the number {lastMark}.</p> : null}
          </section>

          <ManifestHistory report={inspected?.report ?? null} />

          {/* The invisible watermark: a second line of defence where credentials are stripped. */}
          <section className="panel provenance-watermark" aria-label="Invisible watermark" data-testid="watermark-slot">
            <WatermarkPanel />
          </section>
        </div>
      </div>
    </div>
  );
}

function TamperButton(props: { testId: string; label: string; help: string; onClick(): void; disabled: boolean }) {
  const helpId = `${props.testId}-help`;
  return (
    <div className="provenance-tamper-item">
      <button type="button" className="button-secondary" data-testid={props.testId} onClick={props.onClick} disabled={props.disabled} aria-describedby={helpId}>{props.label}</button>
      <p className="field-help" id={helpId}>{props.help}</p>
    </div>
  );
}

function CertificateFacts({ role, summary }: { role: string; summary: CertificateSummary }) {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return (
    <dl className="provenance-cert">
      <dt>{role}</dt>
      <dd>{summary.subject.replace(/^CN=/, '').split(',')[0]}</dd>
      <dt>Issued by</dt>
      <dd>{summary.issuer.replace(/^CN=/, '').split(',')[0]}</dd>
      <dt>Valid</dt>
      <dd>{day(summary.notBefore)} to {day(summary.notAfter)}</dd>
      <dt>May</dt>
      <dd>{[summary.isAuthority ? 'issue certificates' : null, ...summary.keyUsages.filter((u) => u !== 'keyCertSign' && u !== 'cRLSign'), ...summary.extendedKeyUsages.map((u) => (u === '1.3.6.1.5.5.7.3.36' ? 'sign documents' : u))].filter(Boolean).join(', ')}</dd>
      <dt>Fingerprint</dt>
      <dd className="provenance-fingerprint" title={summary.fingerprint}>{summary.fingerprint.slice(0, 16)}…</dd>
    </dl>
  );
}
