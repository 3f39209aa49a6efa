import React from 'react';
import { Box, Text } from 'ink';
import type { World, WorldSnapshot } from '../../integration/index.js';
import { cutLines, processRows, sessionLines, type ProcessRow } from '../model/processes.js';
import { processColour } from '../model/timeline.js';
import { cell, clip } from '../model/format.js';
import type { Cursor } from '../state/ui.js';
import { Pane, Row } from './Pane.js';

/**
 * Processes: each with its state (up, CRASHED, paused), ✂ when a link of its is cut, its ZooKeeper
 * handles' states, its role; `»` marks the process the prompt acts as. Below: the cut links and
 * the ZooKeeper sessions, as far as there is room.
 */
export interface ProcessesPaneProps {
  world: World;
  snapshot: WorldSnapshot;
  width: number;
  height: number;
  focused: boolean;
  cursor: Cursor;
  as: string | null;
}

const STATE_COLOUR = { up: 'green', crashed: 'red', paused: 'yellow' } as const;
const STATE_TEXT = { up: 'up', crashed: 'CRASHED', paused: 'paused' } as const;

/** The cells of a process row: name, kind (when there is room), state, cut mark, ZooKeeper states and role. */
export function processLine(p: ProcessRow, nameWidth: number, withKind: boolean): [string, string, string, string, string] {
  return [cell(p.name, nameWidth), withKind ? cell(p.kind, 5) + ' ' : '', cell(STATE_TEXT[p.state], 7) + ' ', p.partitioned ? '✂ ' : '  ', [p.zk, p.role].filter(Boolean).join(' ')];
}

export function ProcessesPane({ world, snapshot, width, height, focused, cursor, as }: ProcessesPaneProps): React.JSX.Element {
  const inner = width - 2;
  const rows = Math.max(0, height - 2);
  const procs = processRows(snapshot);
  const nameWidth = Math.min(12, Math.max(4, ...procs.map((p) => p.name.length)));
  const withKind = inner >= 34;
  const restWidth = Math.max(0, inner - 1 - nameWidth - 1 - (withKind ? 6 : 0) - 8 - 2);
  const shown = procs.slice(cursor.top, cursor.top + rows);
  const extra: { text: string; colour?: string; dim?: boolean }[] = [];
  const cuts = cutLines(snapshot);
  const sessions = sessionLines(snapshot);
  if (cuts.length > 0) extra.push({ text: 'cut:', dim: true }, ...cuts.map((c) => ({ text: ` ${c}`, colour: 'red' })));
  if (sessions.length > 0) extra.push({ text: 'zk sessions:', dim: true }, ...sessions.map((s) => ({ text: ` ${s}` })));
  const room = rows - shown.length;
  const extras = room >= 2 ? [{ text: '' }, ...extra].slice(0, room) : [];
  return (
    <Pane title="Processes" info={`${procs.length}`} width={width} height={height} focused={focused}>
      {shown.map((p, i) => {
        const [name, kind, state, cut, rest] = processLine(p, nameWidth, withKind);
        const selected = focused && cursor.top + i === cursor.index;
        return (
          <Row key={p.name} width={inner} selected={selected}>
            <Text color={processColour(world, p.name)}>{name}</Text>
            <Text>{p.name === as ? '»' : ' '}</Text>
            <Text dimColor>{kind}</Text>
            <Text color={STATE_COLOUR[p.state]}>{state}</Text>
            <Text color="red">{cut}</Text>
            <Text>{clip(rest, restWidth)}</Text>
          </Row>
        );
      })}
      {extras.map((e, i) => (
        <Box key={`x${i}`} width={inner} height={1}>
          <Text wrap="truncate" dimColor={e.dim === true} {...(e.colour === undefined ? {} : { color: e.colour })}>
            {' '}
            {clip(e.text, inner - 1)}
          </Text>
        </Box>
      ))}
    </Pane>
  );
}
