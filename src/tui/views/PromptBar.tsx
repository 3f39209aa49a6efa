import React from 'react';
import { Box, Text } from 'ink';
import type { ConsoleLine, SessionState } from '../state/session.js';
import { clip } from '../model/format.js';

/**
 * The bottom of the screen: the console (what the prompt printed, newest last), the prompt line
 * (`alice> ` for Redis and zkCli commands, a line starting with ':' is a command), and one line
 * for the last command's outcome or, without one, the key hints.
 */
export interface PromptBarProps {
  width: number;
  consoleLines: number;
  state: SessionState;
  text: string;
  focused: boolean;
  consoleBack: number;
  hints: string;
}

const KIND_COLOUR: Record<ConsoleLine['kind'], string | undefined> = { input: 'cyan', output: undefined, error: 'red', info: 'gray' };

export function PromptBar({ width, consoleLines, state, text, focused, consoleBack, hints }: PromptBarProps): React.JSX.Element {
  const log = state.log;
  const end = Math.max(0, log.length - consoleBack);
  const shown = log.slice(Math.max(0, end - consoleLines), end);
  while (shown.length < consoleLines) shown.unshift({ kind: 'info', text: '' });
  const label = text.startsWith(':') ? '' : `${state.as ?? '?'}> `;
  const room = Math.max(0, width - label.length - 2);
  const visible = text.length > room ? '…' + text.slice(text.length - room + 1) : text;
  const status = state.status;
  return (
    <Box flexDirection="column" width={width} height={consoleLines + 2} flexShrink={0}>
      {shown.map((l, i) => (
        <Box key={i} width={width} height={1}>
          <Text wrap="truncate" {...(KIND_COLOUR[l.kind] === undefined ? {} : { color: KIND_COLOUR[l.kind] })}>
            {clip(l.text, width)}
          </Text>
        </Box>
      ))}
      <Box width={width} height={1}>
        <Text wrap="truncate" color={focused ? 'cyan' : 'gray'} bold={focused}>
          {label}
        </Text>
        <Text wrap="truncate">
          {focused ? visible : visible === '' ? <Text dimColor>{clip('(> or Tab here to type a command; : for :crash, :partition, …)', room)}</Text> : visible}
          {focused ? <Text inverse> </Text> : null}
        </Text>
      </Box>
      <Box width={width} height={1}>
        {status === null ? (
          <Text wrap="truncate" dimColor>
            {clip(hints, width)}
          </Text>
        ) : (
          <Text wrap="truncate" color={status.error ? 'red' : 'green'}>
            {clip(status.text, width)}
          </Text>
        )}
      </Box>
    </Box>
  );
}
