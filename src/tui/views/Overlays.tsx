import React from 'react';
import { Box, Text } from 'ink';
import { clip, wrap } from '../model/format.js';
import { Pane, Row } from './Pane.js';

/**
 * Overlays take the place of the panes (a terminal has no layers): the help, the scenario
 * picker, and the views of one key or one znode. Each shows the lines it is handed from `top`.
 */
export function TextOverlay({ title, info, lines, top, width, height }: { title: string; info: string; lines: string[]; top: number; width: number; height: number }): React.JSX.Element {
  const inner = width - 2;
  const rows = Math.max(0, height - 2);
  const shown = lines.slice(top, top + rows);
  return (
    <Pane title={title} info={info} width={width} height={height} focused>
      {shown.map((l, i) => (
        <Box key={top + i} width={inner} height={1}>
          <Text wrap="truncate"> {clip(l, inner - 1)}</Text>
        </Box>
      ))}
    </Pane>
  );
}

export function PickerOverlay({ entries, index, current, width, height }: { entries: { name: string; summary: string; story: string }[]; index: number; current: string; width: number; height: number }): React.JSX.Element {
  const inner = width - 2;
  const rows = Math.max(0, height - 2);
  const nameWidth = Math.max(...entries.map((e) => e.name.length)) + 2;
  // The list takes what the story (three lines at least) leaves, scrolled to keep the cursor on screen.
  const listRows = Math.max(1, Math.min(entries.length, rows - 4));
  const first = Math.max(0, index - listRows + 1);
  const list = entries.slice(first, first + listRows);
  const story = wrap(entries[index]?.story ?? '', inner - 2).slice(0, Math.max(0, rows - list.length - 1));
  return (
    <Pane title="Open a scenario" info="↑↓ Enter · Esc" width={width} height={height} focused>
      {list.map((e, i) => (
        <Row key={e.name} width={inner} selected={first + i === index}>
          <Text bold={e.name === current}>{(e.name + (e.name === current ? ' *' : '')).padEnd(nameWidth)}</Text>
          {clip(e.summary, Math.max(0, inner - 1 - nameWidth))}
        </Row>
      ))}
      <Text> </Text>
      {story.map((l, i) => (
        <Box key={`s${i}`} width={inner} height={1}>
          <Text wrap="truncate" dimColor>
            {' '}
            {l}
          </Text>
        </Box>
      ))}
    </Pane>
  );
}
