/**
 * Plays sound through Web Audio: an AudioBuffer made from a Float32Array at its own sample rate
 * (16 kHz), through a gentle gain to the speakers. One AudioContext for the page, made on the
 * first press (browsers start sound only after a gesture). Each played buffer's RMS is kept, so
 * the page (and its tests) can show that what played was not silence.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export interface Played {
  /** Which button played it. */
  id: string;
  /** Root mean square of the AudioBuffer's samples. */
  rms: number;
  seconds: number;
}

export function bufferRms(samples: Float32Array): number {
  let sum = 0;
  for (const v of samples) sum += v * v;
  return Math.sqrt(sum / Math.max(1, samples.length));
}

export function useVoicePlayer() {
  const context = useRef<AudioContext | null>(null);
  const source = useRef<AudioBufferSourceNode | null>(null);
  const [playing, setPlaying] = useState<string | null>(null);
  const [played, setPlayed] = useState<Record<string, Played>>({});

  useEffect(() => () => {
    source.current?.stop();
    void context.current?.close();
  }, []);

  const play = useCallback((id: string, samples: Float32Array, sampleRate: number) => {
    const ctx = context.current ?? new AudioContext();
    context.current = ctx;
    void ctx.resume();
    source.current?.stop();
    const buffer = ctx.createBuffer(1, samples.length, sampleRate);
    buffer.copyToChannel(Float32Array.from(samples), 0);
    const node = ctx.createBufferSource();
    node.buffer = buffer;
    const gain = ctx.createGain();
    gain.gain.value = 0.8;
    node.connect(gain).connect(ctx.destination);
    node.onended = () => setPlaying((p) => (p === id ? null : p));
    node.start();
    source.current = node;
    setPlaying(id);
    setPlayed((p) => ({ ...p, [id]: { id, rms: bufferRms(buffer.getChannelData(0)), seconds: buffer.duration } }));
  }, []);

  return { play, playing, played };
}

export type VoicePlayer = ReturnType<typeof useVoicePlayer>;
