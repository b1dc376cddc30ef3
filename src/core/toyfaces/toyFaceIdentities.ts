/**
 * The invented cartoon characters of the face-swap lab. An identity is what
 * stays the same across every picture of one character (face shape, hair,
 * eye shape and colour, nose, lips, skin); everything that changes from
 * picture to picture lives in faceFactors.ts. No real person is drawn.
 *
 * Geometry is in face units: the image spans [-1, 1] on both axes (y down),
 * before the head's position and tilt move the whole face.
 */

export type Rgb = readonly [number, number, number];

export const HAIR_STYLES = ['bob', 'spiky', 'long', 'bald'] as const;
export type HairStyle = (typeof HAIR_STYLES)[number];

export const NOSE_KINDS = ['button', 'long', 'wide'] as const;
export type NoseKind = (typeof NOSE_KINDS)[number];

export interface ToyFaceIdentity {
  id: string;
  name: string;
  /** One line for the lab's legend. */
  description: string;
  face: {
    /** Half-width and half-height. */
    rx: number;
    ry: number;
    /** Superellipse exponent: 2 is an ellipse, larger is squarer. */
    squareness: number;
    /** How much the lower half narrows towards the chin (0 = not at all). */
    jaw: number;
    /** Vertical offset of the face's centre. */
    y: number;
  };
  skin: Rgb;
  ears: boolean;
  hair: { style: HairStyle; colour: Rgb };
  eyes: {
    /** Horizontal distance of each eye from the face's midline. */
    spacing: number;
    y: number;
    /** Half-width and half-height of a fully open eye. */
    rx: number;
    ry: number;
    irisRadius: number;
    iris: Rgb;
  };
  brows: { thickness: number; halfLength: number; colour: Rgb };
  nose: { kind: NoseKind; size: number; y: number };
  mouth: { halfWidth: number; thickness: number; y: number; colour: Rgb };
  /** Rosy cheeks, or none. */
  blush: Rgb | null;
}

export const TOY_FACE_IDENTITIES: readonly ToyFaceIdentity[] = [
  {
    id: 'juno',
    name: 'Juno',
    description: 'round face, black bob with a straight fringe, big brown eyes, button nose',
    face: { rx: 0.64, ry: 0.7, squareness: 2, jaw: 0.05, y: 0.06 },
    skin: [0.87, 0.68, 0.5],
    ears: false,
    hair: { style: 'bob', colour: [0.1, 0.08, 0.08] },
    eyes: { spacing: 0.28, y: 0, rx: 0.19, ry: 0.17, irisRadius: 0.1, iris: [0.35, 0.2, 0.08] },
    brows: { thickness: 0.08, halfLength: 0.15, colour: [0.12, 0.09, 0.08] },
    nose: { kind: 'button', size: 0.07, y: 0.24 },
    mouth: { halfWidth: 0.26, thickness: 0.11, y: 0.45, colour: [0.62, 0.2, 0.2] },
    blush: null,
  },
  {
    id: 'orbo',
    name: 'Orbo',
    description: 'long face with a pointed chin, orange spiky hair, small blue eyes set close, long nose',
    face: { rx: 0.5, ry: 0.76, squareness: 2, jaw: 0.45, y: 0.12 },
    skin: [0.98, 0.86, 0.8],
    ears: true,
    hair: { style: 'spiky', colour: [0.95, 0.45, 0.08] },
    eyes: { spacing: 0.22, y: 0, rx: 0.16, ry: 0.15, irisRadius: 0.085, iris: [0.15, 0.4, 0.85] },
    brows: { thickness: 0.09, halfLength: 0.13, colour: [0.7, 0.3, 0.05] },
    nose: { kind: 'long', size: 0.1, y: 0.24 },
    mouth: { halfWidth: 0.2, thickness: 0.1, y: 0.5, colour: [0.8, 0.35, 0.4] },
    blush: null,
  },
  {
    id: 'mags',
    name: 'Mags',
    description: 'square face, bald with big ears, green eyes set wide, wide nose, magenta lips',
    face: { rx: 0.62, ry: 0.68, squareness: 3.5, jaw: 0.1, y: 0.04 },
    skin: [0.42, 0.27, 0.18],
    ears: true,
    hair: { style: 'bald', colour: [0, 0, 0] },
    eyes: { spacing: 0.31, y: -0.04, rx: 0.18, ry: 0.15, irisRadius: 0.09, iris: [0.15, 0.6, 0.3] },
    brows: { thickness: 0.07, halfLength: 0.16, colour: [0.08, 0.05, 0.04] },
    nose: { kind: 'wide', size: 0.09, y: 0.22 },
    mouth: { halfWidth: 0.27, thickness: 0.12, y: 0.44, colour: [0.85, 0.15, 0.55] },
    blush: null,
  },
  {
    id: 'tilly',
    name: 'Tilly',
    description: 'oval face, long blond hair with a swept fringe, grey eyes, rosy cheeks',
    face: { rx: 0.56, ry: 0.72, squareness: 2, jaw: 0.2, y: 0.08 },
    skin: [0.96, 0.8, 0.68],
    ears: false,
    hair: { style: 'long', colour: [0.97, 0.85, 0.4] },
    eyes: { spacing: 0.25, y: 0.02, rx: 0.17, ry: 0.16, irisRadius: 0.09, iris: [0.45, 0.5, 0.55] },
    brows: { thickness: 0.07, halfLength: 0.14, colour: [0.6, 0.45, 0.2] },
    nose: { kind: 'button', size: 0.05, y: 0.26 },
    mouth: { halfWidth: 0.22, thickness: 0.1, y: 0.47, colour: [0.85, 0.3, 0.35] },
    blush: [0.95, 0.5, 0.5],
  },
];

export const TOY_FACE_IDS = TOY_FACE_IDENTITIES.map((f) => f.id);

export function findIdentity(id: string): ToyFaceIdentity | undefined {
  return TOY_FACE_IDENTITIES.find((f) => f.id === id);
}

export function identityOrThrow(id: string): ToyFaceIdentity {
  const identity = findIdentity(id);
  if (!identity) throw new RangeError(`There is no toy face called "${id}"; choose one of ${TOY_FACE_IDS.join(', ')}.`);
  return identity;
}
