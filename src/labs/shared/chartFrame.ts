/** An SVG chart's size and margins (for axes and labels), and the plotting area they leave inside. */

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface ChartFrame {
  width: number;
  height: number;
  margin: Margins;
  innerWidth: number;
  innerHeight: number;
}

export function chartFrame(width: number, height: number, margin: Margins): ChartFrame {
  return { width, height, margin, innerWidth: width - margin.left - margin.right, innerHeight: height - margin.top - margin.bottom };
}
