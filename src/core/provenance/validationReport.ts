/**
 * c2pa-rs's validation results, in plain words for a classroom.
 *
 * Four outcomes, and the difference between them is the lesson:
 * - "none": the file carries no Content Credentials. That says nothing about whether it is
 *   real or fake — most pictures have none, and removing them is easy.
 * - "invalid": credentials are present but something does not check out (the picture changed
 *   after signing, the manifest was edited, the signature does not fit).
 * - "valid": intact and correctly signed, but by a signer you have not chosen to trust.
 * - "trusted": valid, and the signer's certificate chains to a trust anchor you added.
 */
import type { Manifest, ManifestStore, ValidationStatus } from '@contentauth/c2pa-web';

import { GENERATION_ASSERTION } from './manifestDefinitions';

export type Verdict = 'none' | 'invalid' | 'valid' | 'trusted';

export const VERDICT_WORDS: Record<Verdict, { title: string; meaning: string }> = {
  none: {
    title: 'No credentials',
    meaning: 'This file carries no Content Credentials. That does not make it fake: most pictures have none, and re-saving or uploading often removes them.',
  },
  invalid: {
    title: 'Invalid',
    meaning: 'Content Credentials are present, but they do not check out: the picture or its record changed after signing.',
  },
  valid: {
    title: 'Valid, signer not trusted',
    meaning: 'Intact and correctly signed: nothing changed since signing. But the signer is not on your trust list, so anyone could have made this certificate.',
  },
  trusted: {
    title: 'Trusted',
    meaning: 'Intact, correctly signed, and the signer chains to a certificate you chose to trust.',
  },
};

/** Plain words for the status codes a learner meets in this lab (C2PA spec §15, validation). */
const CODE_WORDS: Record<string, string> = {
  'claimSignature.validated': 'The signature over the claim is correct.',
  'claimSignature.insideValidity': 'The signing certificate was valid when the claim was signed.',
  'claimSignature.outsideValidity': 'The signing certificate was not valid when the claim was signed.',
  'claimSignature.mismatch': 'The signature does not fit the claim: the claim changed after signing, or the signature comes from something else.',
  'claimSignature.missing': 'The claim has no signature.',
  'signingCredential.trusted': 'The signer chains to a trust anchor on your list.',
  'signingCredential.untrusted': 'The signer is not on your trust list (the certificate was made by this lab, not by a known authority).',
  'signingCredential.invalid': 'The signing certificate does not meet the C2PA rules for signers.',
  'signingCredential.expired': 'The signing certificate had expired.',
  'signingCredential.revoked': 'The signing certificate was revoked.',
  'signingCredential.ocsp.skipped': 'The certificate revocation check was skipped (the lab never goes online).',
  'signingCredential.ocsp.inaccessible': 'The certificate revocation service could not be reached.',
  'assertion.dataHash.match': 'The picture’s bytes match the fingerprint (hash) recorded when it was signed.',
  'assertion.dataHash.mismatch': 'The picture’s bytes no longer match the fingerprint recorded when it was signed: the picture changed after signing.',
  'assertion.hashedURI.match': 'A statement in the manifest matches the fingerprint the claim recorded for it.',
  'assertion.hashedURI.mismatch': 'A statement in the manifest no longer matches the fingerprint the claim recorded for it: the manifest was edited.',
  'assertion.missing': 'A statement the claim lists is missing from the manifest.',
  'assertion.cbor.invalid': 'A statement in the manifest is not readable.',
  'assertion.action.ingredientMismatch': 'An action names an ingredient that does not match.',
  'claim.missing': 'The manifest has no claim.',
  'claim.malformed': 'The claim is malformed.',
  'claim.cbor.invalid': 'The claim is not readable.',
  'manifest.inaccessible': 'The manifest could not be read.',
  'manifest.missing': 'The manifest is missing.',
  'ingredient.manifest.validated': 'The ingredient’s own credentials were checked and are intact.',
  'ingredient.claimSignature.validated': 'The ingredient’s claim signature is correct.',
  'ingredient.claimSignature.mismatch': 'The ingredient’s claim signature does not fit.',
  'ingredient.manifest.mismatch': 'The ingredient’s manifest does not match what was recorded.',
  'ingredient.hashedURI.mismatch': 'The ingredient does not match the fingerprint recorded for it.',
  'timeStamp.untrusted': 'The time stamp is not from a trusted time-stamping authority.',
  'timeStamp.validated': 'The time stamp is correct.',
  'algorithm.unsupported': 'The signature uses an algorithm the validator does not support.',
  'general.error': 'The validator met an error it could not classify.',
};

/** The plain meaning of a status code; unknown codes fall back on their family and the validator's explanation. */
export function plainStatus(status: ValidationStatus): string {
  const known = CODE_WORDS[status.code];
  if (known) return known;
  const family = status.code.split('.')[0];
  const explanation = status.explanation ? ` (${status.explanation})` : '';
  const families: Record<string, string> = {
    claimSignature: 'About the signature over the claim',
    signingCredential: 'About the signer’s certificate',
    assertion: 'About a statement in the manifest',
    ingredient: 'About an ingredient (an earlier picture this one was made from)',
    timeStamp: 'About the time stamp',
    claim: 'About the claim',
    manifest: 'About the manifest',
  };
  return `${families[family] ?? 'Validator note'}: ${status.code}${explanation}.`;
}

export interface StatusLine {
  code: string;
  words: string;
  /** Where in the manifest it applies (a JUMBF URI), when the validator says. */
  url: string | null;
}

export interface ActionLine {
  action: string;
  description: string | null;
  digitalSourceType: string | null;
  softwareAgent: string | null;
}

export interface IngredientLine {
  title: string;
  relationship: string;
  /** The label of the ingredient's own manifest in the store, when it carried one. */
  manifestLabel: string | null;
}

export interface ManifestLine {
  label: string;
  title: string | null;
  signer: string | null;
  issuer: string | null;
  signedAt: string | null;
  actions: ActionLine[];
  ingredients: IngredientLine[];
  generation: Record<string, unknown> | null;
}

export interface ValidationReport {
  verdict: Verdict;
  title: string;
  meaning: string;
  /** What went wrong (failures), in plain words; the "not trusted" note is kept apart in `trustNote`. */
  problems: StatusLine[];
  /** What checked out. */
  passed: StatusLine[];
  /** Informational codes. */
  notes: StatusLine[];
  /** Set when the signer is not trusted (verdict "valid"), or trusted. */
  trustNote: StatusLine | null;
  /** The active manifest first, then the ones it carries as ingredients. */
  manifests: ManifestLine[];
  /** The raw validation_state c2pa-rs reported (null when there were no credentials). */
  validationState: string | null;
}

const line = (s: ValidationStatus): StatusLine => ({ code: s.code, words: plainStatus(s), url: s.url ?? null });

const TRUST_CODES = new Set(['signingCredential.untrusted', 'signingCredential.trusted']);

function manifestLine(label: string, manifest: Manifest): ManifestLine {
  const actions: ActionLine[] = [];
  let generation: Record<string, unknown> | null = null;
  for (const assertion of manifest.assertions ?? []) {
    if (assertion.label.startsWith('c2pa.actions')) {
      const data = assertion.data as { actions?: Record<string, unknown>[] };
      for (const a of data.actions ?? []) {
        const agent = a.softwareAgent as { name?: string } | string | undefined;
        actions.push({
          action: String(a.action),
          description: typeof a.description === 'string' ? a.description : null,
          digitalSourceType: typeof a.digitalSourceType === 'string' ? a.digitalSourceType : null,
          softwareAgent: typeof agent === 'string' ? agent : agent?.name ?? null,
        });
      }
    }
    if (assertion.label === GENERATION_ASSERTION && assertion.data && typeof assertion.data === 'object') generation = assertion.data as Record<string, unknown>;
  }
  const signature = manifest.signature_info as { common_name?: string | null; issuer?: string | null; time?: string | null } | null | undefined;
  return {
    label,
    title: manifest.title ?? null,
    signer: signature?.common_name ?? null,
    issuer: signature?.issuer ?? null,
    signedAt: signature?.time ?? null,
    actions,
    ingredients: (manifest.ingredients ?? []).map((i) => ({
      title: i.title ?? 'untitled',
      relationship: i.relationship ?? 'componentOf',
      manifestLabel: i.active_manifest ?? null,
    })),
    generation,
  };
}

/** Maps c2pa-rs's manifest store (or null: no credentials found) to the lab's report. */
export function validationReport(store: ManifestStore | null): ValidationReport {
  if (!store || !store.active_manifest || !store.manifests?.[store.active_manifest]) {
    return { verdict: 'none', ...VERDICT_WORDS.none, problems: [], passed: [], notes: [], trustNote: null, manifests: [], validationState: null };
  }
  const results = store.validation_results?.activeManifest;
  const failures = results?.failure ?? store.validation_status ?? [];
  const successes = results?.success ?? [];
  const informational = results?.informational ?? [];
  const state = store.validation_state ?? null;
  const realProblems = failures.filter((s) => !TRUST_CODES.has(s.code));
  const trust = [...failures, ...successes].find((s) => TRUST_CODES.has(s.code)) ?? null;
  let verdict: Verdict;
  if (state === 'Trusted') verdict = 'trusted';
  else if (state === 'Valid') verdict = 'valid';
  else if (state === 'Invalid') verdict = 'invalid';
  else verdict = realProblems.length > 0 ? 'invalid' : 'valid';
  // Ingredients' problems count too: c2pa-rs reports them as deltas.
  const ingredientProblems = (store.validation_results?.ingredientDeltas ?? []).flatMap((d) => d.validationDeltas.failure.filter((s) => !TRUST_CODES.has(s.code)));

  const manifests: ManifestLine[] = [];
  const seen = new Set<string>();
  const visit = (label: string) => {
    const manifest = store.manifests?.[label];
    if (!manifest || seen.has(label)) return;
    seen.add(label);
    const entry = manifestLine(label, manifest);
    manifests.push(entry);
    for (const ingredient of entry.ingredients) if (ingredient.manifestLabel) visit(ingredient.manifestLabel);
  };
  visit(store.active_manifest);

  return {
    verdict,
    ...VERDICT_WORDS[verdict],
    problems: [...realProblems, ...ingredientProblems].map(line),
    passed: successes.filter((s) => !TRUST_CODES.has(s.code)).map(line),
    notes: informational.map(line),
    trustNote: trust ? line(trust) : null,
    manifests,
    validationState: state,
  };
}
