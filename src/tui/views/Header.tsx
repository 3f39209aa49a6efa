import React from 'react';
import { Box, Text } from 'ink';
import type { SessionState } from '../state/session.js';
import { seconds, speedText } from '../model/format.js';

/** The top line: what is open, the virtual time and step, the player's state, the verdict. */
export function Header({ width, state, step, time }: { width: number; state: SessionState; step: number; time: number }): React.JSX.Element {
  const wide = width >= 100;
  const what = state.scenario === null ? 'sandbox' : state.scenario.name;
  const end = state.scenario === null ? '' : `/${seconds(state.scenario.duration)}`;
  const player = wide ? `${state.playing ? '▶ playing' : '⏸ paused'} ${speedText(state.speed)}` : `${state.playing ? '▶' : '⏸'} ${speedText(state.speed)}`;
  const left = ` ${wide ? 'redzoo │ ' : ''}${what} seed ${state.seed} │ t=${seconds(time)}${end} │ step ${step} │ `;
  const verdict = state.verdict === null ? '' : `${state.verdict.verdict.toUpperCase()} │ `;
  const help = '? help ';
  const gap = Math.max(1, width - left.length - player.length - verdict.length - help.length);
  return (
    <Box width={width} height={1} flexShrink={0}>
      <Text wrap="truncate" inverse>
        {left}
        <Text color={state.playing ? 'green' : 'yellow'}>{player}</Text>
        {' '.repeat(gap)}
        {verdict === '' ? null : <Text color={state.verdict!.verdict === 'pass' ? 'green' : 'red'}>{verdict}</Text>}
        {help}
      </Text>
    </Box>
  );
}
