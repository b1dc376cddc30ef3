/** Saving files from the page: CSV and JSON text, PNG and SVG pictures. */

export function downloadBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoke later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadText(filename: string, text: string, mime = 'text/csv'): void {
  downloadBlob(filename, new Blob([text], { type: `${mime};charset=utf-8` }));
}

const INLINED_STYLES = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity', 'font-size', 'font-family', 'font-weight', 'text-anchor', 'dominant-baseline'];
const SVG_NS = 'http://www.w3.org/2000/svg';
const INK = '#1a1d29';

/**
 * A title and legend added above an exported SVG: on the page they are HTML
 * around the chart, so without this a saved chart would not say what it shows.
 */
export interface SvgHeading {
  title: string;
  legend?: { label: string; color: string }[];
}

interface ExportedSvg {
  text: string;
  width: number;
  height: number;
}

function svgElement<K extends keyof SVGElementTagNameMap>(name: K, attributes: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/** Width of a label in the heading's font; the clone is detached, so the text cannot measure itself. */
function labelWidth(text: string, font: string): number {
  const context = document.createElement('canvas').getContext('2d');
  if (!context) return text.length * 8;
  context.font = font;
  return context.measureText(text).width;
}

type Box = { x: number; y: number; width: number; height: number };

/** Room around the chart in the saved file: axis labels may overhang the viewBox on the page. */
const FRAME = 12;

/** Grows the viewBox (upwards for the heading, a little on every side) and draws the title and legend on a white background. */
function addHeading(clone: SVGSVGElement, box: Box, heading: SvgHeading): Box {
  const family = getComputedStyle(document.body).fontFamily || 'sans-serif';
  const legend = heading.legend ?? [];
  const headingHeight = 32 + (legend.length > 0 ? 24 : 0);
  const top = box.y - headingHeight - FRAME;
  const grown = { x: box.x - FRAME, y: top, width: box.width + 2 * FRAME, height: box.height + headingHeight + 2 * FRAME };
  clone.setAttribute('viewBox', `${grown.x} ${grown.y} ${grown.width} ${grown.height}`);
  const group = svgElement('g', { 'font-family': family });
  group.append(svgElement('text', { x: box.x, y: top + FRAME + 20, 'font-size': 17, 'font-weight': 700, fill: INK }, heading.title));
  let x = box.x;
  for (const item of legend) {
    const y = top + FRAME + 44;
    group.append(svgElement('rect', { x, y: y - 2, width: 18, height: 4, rx: 2, fill: item.color }));
    group.append(svgElement('text', { x: x + 24, y, 'font-size': 13, fill: INK, 'dominant-baseline': 'middle' }, item.label));
    x += 24 + labelWidth(item.label, `13px ${family}`) + 18;
  }
  clone.insertBefore(group, clone.firstChild);
  clone.insertBefore(svgElement('rect', { ...grown, fill: '#ffffff' }), clone.firstChild);
  return grown;
}

function exportSvg(svg: SVGSVGElement, heading?: SvgHeading): ExportedSvg {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const source = svg.querySelectorAll('*');
  const target = clone.querySelectorAll('*');
  source.forEach((element, i) => {
    const computed = getComputedStyle(element);
    const style = INLINED_STYLES.map((p) => `${p}:${computed.getPropertyValue(p)}`).join(';');
    (target[i] as SVGElement).setAttribute('style', style);
  });
  clone.setAttribute('xmlns', SVG_NS);
  const rect = svg.getBoundingClientRect();
  const viewBox = svg.viewBox.baseVal;
  const box = viewBox && viewBox.width > 0 ? viewBox : { x: 0, y: 0, width: rect.width, height: rect.height };
  let width = rect.width;
  let height = rect.height;
  if (heading) {
    const grown = addHeading(clone, { x: box.x, y: box.y, width: box.width, height: box.height }, heading);
    // Keep the on-screen scale: the added room gets as many pixels per unit as the chart.
    width = rect.width * (grown.width / box.width);
    height = rect.height * (grown.height / box.height);
  }
  width = Math.round(width);
  height = Math.round(height);
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  return { text: `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}`, width, height };
}

/** The SVG as a standalone file: computed styles are inlined so it looks the same outside the page. */
export function svgToString(svg: SVGSVGElement, heading?: SvgHeading): string {
  return exportSvg(svg, heading).text;
}

export async function svgToPngBlob(svg: SVGSVGElement, scale = 2, heading?: SvgHeading): Promise<Blob> {
  const { text, width, height } = exportSvg(svg, heading);
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('The chart could not be drawn as a picture.'));
      image.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await canvasToPngBlob(canvas);
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function canvasToPngBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The picture could not be encoded as PNG.'))), 'image/png');
  });
}
