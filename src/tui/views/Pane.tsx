import React from 'react';
import { Box, Text } from 'ink';
import { clip, printable } from '../model/format.js';

/**
 * A bordered pane with its title in the top border: `╭─ Title ─────── info ─╮`, drawn heavy
 * (`┏━ Title ━┓`) when it has the focus, so the focus shows in colour and in plain text alike.
 */
export interface PaneProps {
  title: string;
  /** Right-hand note in the top border (a count, a filter). */
  info?: string;
  width: number;
  height: number;
  focused: boolean;
  children?: React.ReactNode;
}

export function topBorder(title: string, info: string, width: number, focused: boolean): string {
  const [l, h, r] = focused ? ['┏', '━', '┓'] : ['╭', '─', '╮'];
  const inner = Math.max(0, width - 2);
  if (inner === 0) return l + r;
  let t = ` ${printable(title)} `;
  let i = info === '' ? '' : ` ${printable(info)} `;
  if (1 + t.length + i.length + 2 > inner) i = '';
  if (1 + t.length > inner) t = clip(t, inner - 1);
  const fill = inner - 1 - t.length - i.length - (i === '' ? 0 : 1);
  return l + h + t + h.repeat(Math.max(0, fill)) + i + (i === '' ? '' : h) + r;
}

export function Pane({ title, info = '', width, height, focused, children }: PaneProps): React.JSX.Element {
  const colour = focused ? 'cyan' : 'gray';
  return (
    <Box flexDirection="column" width={width} height={height} flexShrink={0}>
      <Text color={colour} bold={focused} wrap="truncate">
        {topBorder(title, info, width, focused)}
      </Text>
      {/* Keyed by focus: ink recomputes a changed borderStyle without the unchanged borderTop={false}. */}
      <Box
        key={focused ? 'focused' : 'plain'}
        flexDirection="column"
        width={width}
        height={Math.max(1, height - 1)}
        borderStyle={focused ? 'bold' : 'round'}
        borderTop={false}
        borderColor={colour}
       
      >
        {children}
      </Box>
    </Box>
  );
}

/** One row of a list, clipped to `width`; `selected` rows carry a ▸ and are inverted. */
export function Row({ width, selected, children, dim }: { width: number; selected?: boolean; dim?: boolean; children?: React.ReactNode }): React.JSX.Element {
  return (
    <Box width={width} height={1} flexShrink={0}>
      <Text inverse={selected === true} dimColor={dim === true} wrap="truncate">
        {selected ? '▸' : ' '}
        {children}
      </Text>
    </Box>
  );
}
