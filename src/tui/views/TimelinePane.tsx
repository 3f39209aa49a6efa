import React from 'react';
import { Text } from 'ink';
import type { World } from '../../integration/index.js';
import { processColour, type Timeline, type TimelineLine } from '../model/timeline.js';
import { cell, clip, rcell, seconds } from '../model/format.js';
import type { Cursor } from '../state/ui.js';
import { Pane, Row } from './Pane.js';

/**
 * The timeline: the trace as it grows, one line per record (messages left out), coloured by
 * process; faults in red, checks green or red. `/` filters it; Enter on a line travels to it.
 */
export interface TimelinePaneProps {
  world: World;
  timeline: Timeline;
  filter: string;
  typing: boolean;
  width: number;
  height: number;
  focused: boolean;
  cursor: Cursor;
}

function colourOf(world: World, l: TimelineLine): string {
  if (l.type === 'fault') return 'red';
  if (l.type === 'check') return l.ok ? 'green' : 'red';
  return processColour(world, l.proc);
}

export function TimelinePane({ world, timeline, filter, typing, width, height, focused, cursor }: TimelinePaneProps): React.JSX.Element {
  const inner = width - 2;
  const rows = Math.max(0, height - 2);
  const nameWidth = Math.min(10, Math.max(4, ...world.processNames.map((n) => n.length)));
  const info = filter !== '' || typing ? `/${filter}${typing ? '_' : ''} ${timeline.count}/${timeline.total}` : `${timeline.total} lines`;
  const lines: TimelineLine[] = [];
  for (let i = cursor.top; i < Math.min(timeline.count, cursor.top + rows); i++) lines.push(timeline.line(i));
  return (
    <Pane title="Timeline" info={info} width={width} height={height} focused={focused}>
      {timeline.count === 0 ? (
        <Row width={inner} dim>
          {clip(timeline.total === 0 ? 'nothing yet: space plays, → steps' : `no line matches /${filter}`, inner - 1)}
        </Row>
      ) : null}
      {lines.map((l, i) => (
        <Row key={cursor.top + i} width={inner} selected={focused && cursor.top + i === cursor.index}>
          <Text dimColor>{rcell(seconds(l.time), 9)}</Text> <Text color={processColour(world, l.proc)}>{cell(l.proc || '—', nameWidth)}</Text>{' '}
          <Text color={colourOf(world, l)} bold={l.type === 'fault' || l.type === 'check'}>
            {clip(l.text, Math.max(0, inner - 1 - 9 - 1 - nameWidth - 1))}
          </Text>
        </Row>
      ))}
    </Pane>
  );
}
