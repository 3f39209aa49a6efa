import React from 'react';
import { Text } from 'ink';
import type { World } from '../../integration/index.js';
import { keyRows, type KeyIndex } from '../model/keyspace.js';
import { cell, clip, rcell } from '../model/format.js';
import type { Cursor } from '../state/ui.js';
import { Pane, Row } from './Pane.js';

/**
 * The Redis keyspace (db 0): key, type, TTL counting down in virtual time, OBJECT ENCODING, a
 * preview of the value. Only the rows on screen are built. Enter opens a key.
 */
export interface KeyspacePaneProps {
  world: World;
  index: KeyIndex;
  width: number;
  height: number;
  focused: boolean;
  cursor: Cursor;
}

/** Column widths for an inner width: key, type, TTL, encoding (when there is room), and the rest for the preview. */
export function keyColumns(inner: number): { key: number; type: number; ttl: number; enc: number; preview: number } {
  const enc = inner >= 40 ? 9 : 0;
  const key = Math.max(8, Math.min(28, Math.floor((inner - 1) * 0.28)));
  return { key, type: 6, ttl: 6, enc, preview: Math.max(0, inner - 1 - key - 1 - 6 - 1 - 6 - 1 - (enc > 0 ? enc + 1 : 0)) };
}

/** How many list rows fit (a header row is shown when the pane has room for it). */
export function keyListHeight(height: number): number {
  const rows = Math.max(0, height - 2);
  return rows >= 5 ? rows - 1 : rows;
}

export function KeyspacePane({ world, index, width, height, focused, cursor }: KeyspacePaneProps): React.JSX.Element {
  const inner = width - 2;
  const rows = Math.max(0, height - 2);
  const header = rows >= 5;
  const listRows = keyListHeight(height);
  const c = keyColumns(inner);
  const title = `Redis ${index.server}`;
  const info = index.up ? `${index.keys.length} key${index.keys.length === 1 ? '' : 's'}` : 'down';
  const shown = keyRows(world, index, cursor.top, listRows);
  return (
    <Pane title={title} info={info} width={width} height={height} focused={focused}>
      {header ? (
        <Row width={inner} dim>
          {cell('KEY', c.key)} {cell('TYPE', c.type)} {rcell('TTL', c.ttl)} {c.enc > 0 ? `${cell('ENCODING', c.enc)} ` : ''}
          {clip('VALUE', c.preview)}
        </Row>
      ) : null}
      {!index.up ? (
        <Row width={inner} dim>
          {clip(`${index.server} is down: it lost its keys (no persistence)`, inner - 1)}
        </Row>
      ) : index.keys.length === 0 ? (
        <Row width={inner} dim>
          {clip('(empty: try SET greeting hello EX 30 at the prompt)', inner - 1)}
        </Row>
      ) : null}
      {shown.map((k, i) => (
        <Row key={k.bytes} width={inner} selected={focused && cursor.top + i === cursor.index}>
          {cell(k.text, c.key)} <Text color="cyan">{cell(k.type, c.type)}</Text>{' '}
          <Text color={k.ttl >= 0 && k.ttl < 5000 ? 'red' : k.ttl >= 0 ? 'yellow' : undefined}>{rcell(k.ttlText, c.ttl)}</Text>{' '}
          {c.enc > 0 ? <Text dimColor>{`${cell(k.encoding, c.enc)} `}</Text> : null}
          {clip(k.preview, c.preview)}
        </Row>
      ))}
    </Pane>
  );
}
