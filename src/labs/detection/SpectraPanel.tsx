/**
 * "Frequency fingerprints": the mean log power spectrum of the real digits and of the fakes,
 * side by side on one colour scale, their difference, and the azimuthal average of both as
 * lines on one chart. Dense maps on <canvas>, the chart in SVG with D3 scales.
 */
import { useMemo } from 'react';
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { pictureKindOf, REAL_PICTURES, type DetectionSpectra } from '../../protocol/detection/detectionProtocol';
import { GAN_COLORS } from '../shared/palettes';
import { ImageGrid } from '../shared/ImageGrid';
import { differenceOf, spectrumScales } from './spectrumPainting';
import { ColourBar, PaintedMap } from './paintedMaps';

const CHART = { width: 380, height: 230, margin: { top: 12, right: 14, bottom: 44, left: 52 } };

function RadialChart({ real, fake, generator, realName }: { real: Float32Array; fake: Float32Array; generator: string; realName: string }) {
  const { width, height, margin: m } = CHART;
  const x = scaleLinear().domain([0, real.length - 1]).range([m.left, width - m.right]);
  const lo = Math.min(...real, ...fake);
  const hi = Math.max(...real, ...fake);
  const y = scaleLinear().domain([lo, hi]).nice().range([height - m.bottom, m.top]);
  const path = (values: Float32Array) => line<number>().x((_, i) => x(i)).y((v) => y(v))(Array.from(values)) ?? '';
  const highFrom = Math.round((real.length - 1) * 0.6);
  return (
    <figure className="radial-chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="radial-title radial-desc" data-testid="radial-chart">
        <title id="radial-title">Mean log power by frequency, {realName} and fakes</title>
        <desc id="radial-desc">{`Two lines over the distance from the centre of the spectrum (0 = the average brightness, ${real.length - 1} = the finest detail). Real in green, ${generator} fakes in pink.`}</desc>
        <rect x={x(highFrom)} y={m.top} width={x(real.length - 1) - x(highFrom)} height={height - m.top - m.bottom} className="radial-high-band" />
        <text x={x(highFrom) + 4} y={m.top + 12} className="chart-note">finest detail</text>
        {y.ticks(5).map((t) => (
          <g key={t}>
            <line x1={m.left} x2={width - m.right} y1={y(t)} y2={y(t)} className="grid-line" />
            <text x={m.left - 6} y={y(t)} dy="0.32em" textAnchor="end" className="tick-label">{t}</text>
          </g>
        ))}
        {x.ticks(5).map((t) => (
          <text key={t} x={x(t)} y={height - m.bottom + 16} textAnchor="middle" className="tick-label">{t}</text>
        ))}
        <text x={(m.left + width - m.right) / 2} y={height - 6} textAnchor="middle" className="axis-label">frequency (rings from the centre): coarse → fine</text>
        <text transform={`translate(14 ${(m.top + height - m.bottom) / 2}) rotate(-90)`} textAnchor="middle" className="axis-label">mean ln power</text>
        <path d={path(real)} fill="none" stroke={GAN_COLORS.real} strokeWidth={2.5} />
        <path d={path(fake)} fill="none" stroke={GAN_COLORS.fake} strokeWidth={2.5} strokeDasharray="6 3" />
      </svg>
      <figcaption className="chart-legend">
        <span><span className="swatch" style={{ background: GAN_COLORS.real }} /> {realName}</span>
        <span><span className="swatch swatch-dashed" style={{ borderColor: GAN_COLORS.fake }} /> {generator} fakes</span>
      </figcaption>
    </figure>
  );
}

export function SpectraPanel({ spectra }: { spectra: DetectionSpectra | null }) {
  const scales = useMemo(() => (spectra ? spectrumScales(spectra.realLogPower, spectra.fakeLogPower) : null), [spectra]);
  const difference = useMemo(() => (spectra ? differenceOf(spectra.realLogPower, spectra.fakeLogPower) : null), [spectra]);
  const examples = useMemo(() => {
    if (!spectra) return null;
    const n = spectra.exampleCount;
    const pixels = new Float32Array(2 * n * spectra.side * spectra.side);
    pixels.set(spectra.realExamples);
    pixels.set(spectra.fakeExamples, spectra.realExamples.length);
    for (let i = 0; i < pixels.length; i++) pixels[i] = (pixels[i] + 1) / 2;
    return { pixels, count: 2 * n, height: spectra.side, width: spectra.side, channels: 1 as const };
  }, [spectra]);
  const generator = spectra ? spectra.generatorName : 'generator';
  const realName = spectra ? REAL_PICTURES[pictureKindOf(spectra.generator)] : 'real pictures';
  return (
    <section className="panel plot-panel detection-spectra" aria-labelledby="detection-spectra-heading">
      <h2 id="detection-spectra-heading" className="panel-title">Frequency fingerprints</h2>
      <p className="panel-intro">
        Each picture can be rebuilt from waves of every frequency; its <strong>power spectrum</strong> says how strong each one is.
        The centre of a map is the coarse shape, the edges the finest detail. Averaged over hundreds of pictures, a generator leaves a
        fingerprint there that the eye cannot see in any single picture.
      </p>
      <div className="spectra-view" data-main-view>
        {spectra && scales && difference ? (
          <>
            <div className="spectra-maps">
              <figure>
                <figcaption>Real</figcaption>
                <PaintedMap values={spectra.realLogPower} side={spectra.side} paint={scales.power} label={`Mean log power spectrum of ${spectra.trainCount / 2 + spectra.heldOutCount / 2} ${realName}`} testId="spectrum-real" />
                <ColourBar id="power-bar-real" paint={scales.power} domain={scales.powerDomain} left="weak" right="strong" />
              </figure>
              <figure>
                <figcaption>Fakes</figcaption>
                <PaintedMap values={spectra.fakeLogPower} side={spectra.side} paint={scales.power} label={`Mean log power spectrum of the ${generator}'s fakes, on the same colour scale`} testId="spectrum-fake" />
                <ColourBar id="power-bar" paint={scales.power} domain={scales.powerDomain} left="weak" right="strong" />
              </figure>
              <figure>
                <figcaption>Fakes − real</figcaption>
                <PaintedMap values={difference} side={spectra.side} paint={scales.difference} label={`Where the fakes have more power (red) or less (blue) than ${realName}`} testId="spectrum-difference" />
                <ColourBar id="difference-bar" paint={scales.difference} domain={[-scales.differenceLimit, scales.differenceLimit]} left="less" right="more" />
              </figure>
            </div>
            <RadialChart real={spectra.realRadial} fake={spectra.fakeRadial} generator={generator} realName={realName} />
          </>
        ) : (
          <p className="spectra-waiting" data-testid="spectra-waiting">Drawing the fakes and measuring their spectra…</p>
        )}
      </div>
      {examples ? (
        <div className="detection-examples">
          <ImageGrid images={examples} columns={examples.count / 2} scale={2} label={`Top row: ${examples.count / 2} ${realName}; bottom row: ${examples.count / 2} fakes from the ${generator}`} testId="detection-examples" />
          <p className="field-help">Top row real, bottom row {generator} fakes: some fakes are easy to spot by eye, many are not. The spectrum sees what the eye misses.</p>
          {spectra ? (
            <p className="field-help" data-testid="spectra-time">
              Both mean spectra, over {spectra.spectraCount.toLocaleString('en-GB')} pictures, took {Math.round(1000 * spectra.spectraSeconds).toLocaleString('en-GB')} ms in this browser (fft.js, in the worker).
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
