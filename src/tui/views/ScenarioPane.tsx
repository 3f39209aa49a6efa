import React from 'react';
import { Box, Text } from 'ink';
import type { StoryLine } from '../model/scenario.js';
import type { Cursor } from '../state/ui.js';
import { Pane } from './Pane.js';

/** The scenario's story beside the panes, and its checks turning ✓ or ✗ as they are decided. */
export function ScenarioPane({ title, lines, width, height, focused, cursor }: { title: string; lines: StoryLine[]; width: number; height: number; focused: boolean; cursor: Cursor }): React.JSX.Element {
  const inner = width - 2;
  const rows = Math.max(0, height - 2);
  const shown = lines.slice(cursor.top, cursor.top + rows);
  const more = lines.length > rows ? `${Math.min(lines.length, cursor.top + rows)}/${lines.length}` : '';
  return (
    <Pane title={title} info={more} width={width} height={height} focused={focused}>
      {shown.map((l, i) => (
        <Box key={cursor.top + i} width={inner} height={1}>
          <Text wrap="truncate" bold={l.bold === true} dimColor={l.dim === true} {...(l.colour === undefined ? {} : { color: l.colour })}>
            {' '}
            {l.text}
          </Text>
        </Box>
      ))}
    </Pane>
  );
}
