/** A whole-number zoom (crisp pixels) that draws an s-pixel picture about `cellSize` CSS pixels wide. */
export const zoomFor = (imageSize: number, cellSize: number): number => Math.max(1, Math.round(cellSize / imageSize));
