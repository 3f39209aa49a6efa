import React from 'react';
import { Text } from 'ink';
import type { World } from '../../integration/index.js';
import { znodeRows, type ZkTree } from '../model/zktree.js';
import { clip } from '../model/format.js';
import type { Cursor } from '../state/ui.js';
import { Pane, Row } from './Pane.js';

/**
 * The znode tree: ▾/▸ for expanded/collapsed nodes with children (+ and - toggle), the sequence
 * suffix of sequential nodes set apart, the data version, `eph:OWNER` for ephemerals (the owner
 * session's process, or its id when detached), `w:` and the tables of the watches armed on the
 * path (d data/exists, c children, p persistent, r recursive), then the data. Enter shows the
 * data and the whole stat.
 */
export interface ZkTreePaneProps {
  world: World;
  tree: ZkTree;
  owners: Map<string, string | null>;
  watches: Map<string, Set<string>>;
  width: number;
  height: number;
  focused: boolean;
  cursor: Cursor;
}

export function ZkTreePane({ world, tree, owners, watches, width, height, focused, cursor }: ZkTreePaneProps): React.JSX.Element {
  const inner = width - 2;
  const rows = Math.max(0, height - 2);
  const shown = znodeRows(world, tree, cursor.top, rows, owners, watches);
  const info = !tree.started ? 'starting' : `${tree.nodeCount} znode${tree.nodeCount === 1 ? '' : 's'}${tree.up ? '' : ' · DOWN'}`;
  return (
    <Pane title={`ZooKeeper ${tree.server}`} info={info} width={width} height={height} focused={focused}>
      {shown.map((z, i) => {
        const indent = '  '.repeat(Math.min(z.depth, 8));
        const mark = z.children === 0 ? '·' : z.collapsed ? '▸' : '▾';
        const base = z.sequence === '' ? z.name : z.name.slice(0, -10);
        const eph = z.ephemeralOwner === null ? '' : ` eph:${z.owner ?? z.ephemeralOwner}`;
        const w = z.watches === '' ? '' : ` w:${z.watches}`;
        const head = `${indent}${mark} ${z.name}${z.collapsed ? ` (${z.children})` : ''} v${z.version}${eph}${w}`;
        const room = Math.max(0, inner - 1 - head.length - 1);
        return (
          <Row key={z.path} width={inner} selected={focused && cursor.top + i === cursor.index}>
            {indent}
            {mark} {base}
            {z.sequence === '' ? null : <Text color="magenta">{z.sequence}</Text>}
            {z.collapsed ? <Text dimColor>{` (${z.children})`}</Text> : null}
            <Text dimColor>{` v${z.version}`}</Text>
            {eph === '' ? null : <Text color={z.owner === null ? 'red' : 'yellow'}>{eph}</Text>}
            {w === '' ? null : <Text color="cyan">{w}</Text>}
            {room > 3 && z.data !== '' ? <Text dimColor>{` "${clip(z.data, room - 2)}"`}</Text> : null}
          </Row>
        );
      })}
    </Pane>
  );
}
