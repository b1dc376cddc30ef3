/** What the provenance lab's page asks of its regeneration worker (core/provenance/regeneration.ts runs there, on TF.js). */
export interface RegenerationWorkerApi {
  /** The RGBA picture (width×height) of a toy face of `identity`, redrawn by the face-swap lab's shipped autoencoder; refuses another character with the reason. */
  regenerate(data: Uint8ClampedArray, width: number, height: number, identity: string): Promise<Uint8ClampedArray>;
}
