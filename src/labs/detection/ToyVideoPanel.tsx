/**
 * Tells in motion: Juno's toy clip beside the same clip swapped frame by frame onto Orbo, a
 * canvas player (Play/Pause, a scrubber, keyboard operable), the two temporal signals over time
 * on one D3 chart, and a tiny temporal detector's verdict. The clips and the detector come from
 * the worker (core/detection/toyVideo.ts says how the swap is made and why).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { GAN_COLORS } from '../shared/palettes';
import { messageOf } from '../shared/messageOf';
import type { ToyVideoDemo } from '../../protocol/detection/detectionProtocol';

const SCALE = 6;
const percent = (v: number) => `${(100 * v).toFixed(0)}%`;

function drawFrame(canvas: HTMLCanvasElement | null, pixels: Float32Array, size: number, frame: number): void {
  const ctx = canvas?.getContext('2d');
  if (!canvas || !ctx) return;
  const image = ctx.createImageData(size, size);
  const offset = frame * size * size * 3;
  for (let i = 0; i < size * size; i++) {
    for (let c = 0; c < 3; c++) image.data[i * 4 + c] = Math.round(((pixels[offset + i * 3 + c] + 1) / 2) * 255);
    image.data[i * 4 + 3] = 255;
  }
  const small = document.createElement('canvas');
  small.width = size;
  small.height = size;
  small.getContext('2d')?.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(small, 0, 0, canvas.width, canvas.height);
}

function SignalChart({ demo, frame }: { demo: ToyVideoDemo; frame: number }) {
  const width = 520;
  const height = 220;
  const m = { top: 12, right: 16, bottom: 30, left: 44 };
  const x = scaleLinear().domain([0, demo.frames - 1]).range([m.left, width - m.right]);
  const half = (height - m.top - m.bottom) / 2;
  const yOpen = scaleLinear().domain([-0.1, 1.3]).range([m.top + half - 8, m.top]);
  let maxFlicker = 0.01;
  for (const v of [...demo.real.flicker, ...demo.swapped.flicker]) maxFlicker = Math.max(maxFlicker, v);
  const yFlick = scaleLinear().domain([0, maxFlicker]).range([height - m.bottom, m.top + half + 8]);
  const path = (values: Float32Array, y: (v: number) => number) => line<number>().x((_, i) => x(i)).y((v) => y(v))(Array.from(values)) ?? '';
  return (
    <svg className="toy-video-chart" data-testid="toy-video-chart" viewBox={`0 0 ${width} ${height}`} role="img"
      aria-label="Eye openness (top) and flicker (bottom) per frame, Juno's clip in green, the swapped clip in pink">
      <text x={m.left} y={m.top + 4} className="chart-label">eye openness</text>
      <text x={m.left} y={m.top + half + 14} className="chart-label">flicker</text>
      <line x1={m.left} x2={width - m.right} y1={yOpen(0.5)} y2={yOpen(0.5)} className="toy-video-threshold" />
      {[['real', GAN_COLORS.real], ['swapped', GAN_COLORS.fake]].map(([side, colour]) => (
        <g key={side} data-testid={`toy-video-lines-${side}`}>
          <path d={path(demo[side as 'real' | 'swapped'].openness, yOpen)} fill="none" stroke={colour} strokeWidth={2} />
          <path d={path(demo[side as 'real' | 'swapped'].flicker, yFlick)} fill="none" stroke={colour} strokeWidth={2} strokeDasharray={side === 'swapped' ? '5 3' : undefined} />
        </g>
      ))}
      <line x1={x(frame)} x2={x(frame)} y1={m.top} y2={height - m.bottom} className="toy-video-now" />
      {x.ticks(6).map((t) => (
        <text key={t} x={x(t)} y={height - 10} textAnchor="middle" className="chart-tick">{(t / demo.fps).toFixed(1)} s</text>
      ))}
    </svg>
  );
}

export interface ToyVideoPanelProps {
  load(seed: number): Promise<ToyVideoDemo>;
  disabled: boolean;
  reducedMotion: boolean;
}

export function ToyVideoPanel({ load, disabled, reducedMotion }: ToyVideoPanelProps) {
  const [demo, setDemo] = useState<ToyVideoDemo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [seed, setSeed] = useState(1);
  const [frame, setFrame] = useState(0);
  const [playing, setPlaying] = useState(false);
  const realCanvas = useRef<HTMLCanvasElement>(null);
  const swapCanvas = useRef<HTMLCanvasElement>(null);

  const make = useCallback(async (s: number) => {
    setBusy(true);
    setError(null);
    try {
      const d = await load(s);
      setDemo(d);
      setFrame(0);
      setPlaying(!reducedMotion);
    } catch (e) {
      setError(`The toy clips could not be made: ${messageOf(e)}`);
    } finally {
      setBusy(false);
    }
  }, [load, reducedMotion]);

  useEffect(() => {
    if (!demo) return;
    drawFrame(realCanvas.current, demo.real.pixels, demo.size, frame);
    drawFrame(swapCanvas.current, demo.swapped.pixels, demo.size, frame);
  }, [demo, frame]);

  useEffect(() => {
    if (!demo || !playing) return;
    const timer = window.setInterval(() => setFrame((f) => (f + 1) % demo.frames), 1000 / demo.fps);
    return () => window.clearInterval(timer);
  }, [demo, playing]);

  return (
    <section className="panel detection-toy-video" aria-labelledby="detection-toy-video-heading" data-testid="toy-video-panel">
      <h2 id="detection-toy-video-heading" className="panel-title">Tells in motion: a toy video</h2>
      <p className="panel-intro">
        Real deepfake videos are usually swapped <strong>one frame at a time</strong>: the swap model sees a single still, and nothing ties its answer for one frame to
        its answer for the next. Here Juno talks and blinks on a script, and the face-swap lab&rsquo;s shipped model swaps the clip onto Orbo the same way: every frame of
        Juno through the <strong>shared encoder and Orbo&rsquo;s decoder</strong>, on its own. It carries her expression and pose, but not everything.
      </p>
      <div className="button-row">
        <button type="button" className="button-secondary" data-testid="toy-video-make" disabled={disabled || busy} onClick={() => void make(seed)}>
          {busy ? 'Making the clips…' : demo ? 'Make new clips' : 'Make the clips'}
        </button>
        <label className="field-inline">Script seed{' '}
          <input type="number" min={0} max={1000000} step={1} value={seed} data-testid="toy-video-seed"
            onChange={(e) => { const v = Number(e.target.value); if (Number.isInteger(v) && v >= 0 && v <= 1e6) setSeed(v); }} />
        </label>
        <span className="field-help">Renders Juno&rsquo;s clip ({'≈'}6 s at 15 frames per second), swaps it frame by frame, and trains the temporal detector on 12 other seeded pairs, in the worker.</span>
      </div>
      {error && <p role="alert" className="field-error">{error}</p>}
      {demo && (
        <>
          <div className="toy-video-player">
            <figure>
              <canvas ref={realCanvas} width={demo.size * SCALE} height={demo.size * SCALE} data-testid="toy-video-real" aria-label="Juno's real clip" role="img" />
              <figcaption>Real: Juno · P(swapped) {percent(demo.real.pSwapped)}</figcaption>
            </figure>
            <figure>
              <canvas ref={swapCanvas} width={demo.size * SCALE} height={demo.size * SCALE} data-testid="toy-video-swapped" aria-label="The clip swapped frame by frame onto Orbo" role="img" />
              <figcaption>Swapped frame by frame: Orbo · P(swapped) {percent(demo.swapped.pSwapped)}</figcaption>
            </figure>
          </div>
          <div className="button-row">
            <button type="button" data-testid="toy-video-play" aria-pressed={playing} onClick={() => setPlaying((p) => !p)}>{playing ? 'Pause' : 'Play'}</button>
            <label className="toy-video-scrub">Frame {frame + 1} of {demo.frames} ({(frame / demo.fps).toFixed(1)} s)
              <input type="range" min={0} max={demo.frames - 1} step={1} value={frame} data-testid="toy-video-scrubber"
                onChange={(e) => { setPlaying(false); setFrame(Number(e.target.value)); }} />
            </label>
          </div>
          <SignalChart demo={demo} frame={frame} />
          <p className="field-help">
            Solid green: Juno; pink: the swap (dashed for flicker). The grey line is the blink threshold (openness ½).
            Juno blinks {demo.real.features[0].toFixed(2)} times a second; the swap {demo.swapped.features[0].toFixed(2)}.
            Mean flicker: {demo.real.features[2].toFixed(3)} against {demo.swapped.features[2].toFixed(3)}.
          </p>
          <ul className="closing-list">
            <li><strong>Unnatural blinking.</strong> Early deepfakes blinked too rarely or not at all (Li, Chang and Lyu, &ldquo;In Ictu Oculi&rdquo;, 2018). Here the swap&rsquo;s lids close only part-way:
              scrub to one of Juno&rsquo;s blinks and Orbo&rsquo;s eyes stay half open. Over 40 seeded clips Juno blinked 0.32 times a second; the swap passed the blink threshold 0.04 times.</li>
            <li><strong>Flicker.</strong> Each frame is made on its own and comes out blurred, so the face&rsquo;s pixels wobble a little from frame to frame even where the motion is
              smooth: over the same clips the swap&rsquo;s mean flicker is about a quarter higher than the real clip&rsquo;s, and its eye openness jitters nearly twice as much.</li>
            <li><strong>Lip movements that don&rsquo;t match.</strong> A face swap keeps the source&rsquo;s mouth: here Orbo&rsquo;s lips follow Juno&rsquo;s speech frame by frame, as her
              head does, since each still shows them. The mismatch the source texts warn of comes from lip-sync fakes, which redraw the mouth to new audio. A frame-by-frame
              swap is good at what each still shows and weak at what happens between stills.</li>
          </ul>
          <p data-testid="toy-video-detector">
            A logistic regression on four numbers per clip (blinks per second, mean blink depth, mean flicker, openness jitter), trained on {demo.detector.trainPairs} seeded
            pairs, calls {percent(demo.detector.heldOutAccuracy)} of {2 * demo.detector.testPairs} other clips right ({percent(demo.detector.trainAccuracy)} of its training clips).
            The toy swap is small and blurry, so this is easy; real swappers smooth over time and train on blinks, and each tell stops working once the forgers know it is checked.
          </p>
        </>
      )}
    </section>
  );
}
