import React, { useMemo, useReducer, useSyncExternalStore } from 'react';
import { Box, Text, useApp } from 'ink';
import type { Session } from '../session/session.js';
import { clampCursor, initialUiState, timelineCursor, uiReducer, type Cursor, type ListPane, type UiState } from '../state/ui.js';
import { innerHeight, layout, MIN_COLUMNS, MIN_ROWS, paneBox, type PaneBox, type PaneId } from '../model/layout.js';
import { clip } from '../model/format.js';
import { keyIndex, redisServers } from '../model/keyspace.js';
import { sessionOwners, watchesByPath, zkServers, zkTree } from '../model/zktree.js';
import { timeline } from '../model/timeline.js';
import { scenarioLines } from '../model/scenario.js';
import { helpLines, keyOverlay, pickerEntries, znodeOverlayLines } from '../model/overlays.js';
import { useKeys } from '../input/use-keys.js';
import { useTerminalSize, type TerminalSize } from '../input/use-terminal-size.js';
import type { FrameInfo } from '../input/handle-key.js';
import { Header } from './Header.js';
import { ProcessesPane } from './ProcessesPane.js';
import { KeyspacePane, keyListHeight } from './KeyspacePane.js';
import { ZkTreePane } from './ZkTreePane.js';
import { TimelinePane } from './TimelinePane.js';
import { ScenarioPane } from './ScenarioPane.js';
import { PromptBar } from './PromptBar.js';
import { PickerOverlay, TextOverlay } from './Overlays.js';

/**
 * The whole screen. It reads the session (useSyncExternalStore) and the world through the model
 * functions, keeps the view state in uiReducer, lays the panes out for the terminal's size, and
 * hands every key to handleKey. No timer lives here: the session's clock loop drives the world.
 */
export interface AppProps {
  session: Session;
  /** Pins the terminal size (tests and docs); the real terminal's otherwise, following resizes. */
  size?: TerminalSize;
  initialUi?: Partial<UiState>;
  /** Called on q, Ctrl-C and :quit (default: unmount the ink app). */
  onQuit?: () => void;
}

const HINTS = 'Tab pane  space play  →/← step  ]/[ speed  > prompt  : command  / filter  s scenarios  ? help  q quit';
const SHORT_HINTS = 'Tab pane · space ▶ · ←→ step · > prompt · : cmd · / filter · s open · ? · q';

export function App({ session, size, initialUi, onQuit }: AppProps): React.JSX.Element {
  const state = useSyncExternalStore(session.subscribe, session.getState);
  const [ui, dispatch] = useReducer(uiReducer, initialUi, (o) => initialUiState(o ?? {}));
  const { columns, rows } = useTerminalSize(size);
  const { exit } = useApp();
  const world = session.world;
  const revision = state.revision;

  const snapshot = useMemo(() => world.snapshot({ limit: 0, recent: 0 }), [world, revision]);
  const redisName = redisServers(world)[0];
  const zkName = zkServers(world)[0];
  const scenario = state.scenario;
  const L = layout({ columns, rows, scenario: scenario !== null, redis: redisName !== undefined, zookeeper: zkName !== undefined, focus: ui.focus });
  const box = (id: PaneId): PaneBox | undefined => paneBox(L, id);

  // --- the data of each pane, and each list's cursor kept inside it
  const keys = redisName === undefined ? undefined : keyIndex(world, redisName, revision);
  const tree = zkName === undefined ? undefined : zkTree(world, zkName, ui.collapsed);
  const owners = zkName === undefined ? new Map<string, string | null>() : sessionOwners(snapshot, zkName);
  const watches = zkName === undefined ? new Map<string, Set<string>>() : watchesByPath(world, zkName, revision);
  const filter = ui.filterDraft ?? ui.filter;
  const tl = timeline(world, filter);
  const checks = scenario === null ? [] : world.checks();
  const scenarioBox = box('scenario');
  const story = scenario === null || scenarioBox === undefined ? [] : scenarioLines(scenario, checks, session.expected, state.verdict, scenarioBox.width - 3);

  const lists: FrameInfo['lists'] = {
    processes: { count: snapshot.processes.length, height: innerHeight(box('processes')) },
    keyspace: { count: keys?.keys.length ?? 0, height: keyListHeight(box('keyspace')?.height ?? 0) },
    zktree: { count: tree?.count ?? 0, height: innerHeight(box('zktree')) },
    timeline: { count: tl.count, height: innerHeight(box('timeline')) },
    scenario: { count: Math.max(1, story.length - innerHeight(scenarioBox) + 1), height: 1 },
  };
  const cursor = (p: ListPane): Cursor => (p === 'timeline' ? timelineCursor(ui, lists.timeline.count, lists.timeline.height) : clampCursor(ui.cursors[p], lists[p].count, lists[p].height));
  const cur = { processes: cursor('processes'), keyspace: cursor('keyspace'), zktree: cursor('zktree'), timeline: cursor('timeline'), scenario: cursor('scenario') };

  // --- overlays
  const bodyWidth = L.columns;
  const overlayRows = Math.max(0, L.bodyHeight - 2);
  const o = ui.overlay;
  let overlay: React.JSX.Element | null = null;
  let overlayTotal = 0;
  const entries = pickerEntries(session.catalogue);
  if (o?.kind === 'help') {
    const lines = helpLines(bodyWidth - 4);
    overlayTotal = lines.length;
    overlay = <TextOverlay title="Help" info={`${Math.min(lines.length, o.top + overlayRows)}/${lines.length} · ↑↓ · Esc`} lines={lines} top={o.top} width={bodyWidth} height={L.bodyHeight} />;
  } else if (o?.kind === 'picker') {
    overlay = <PickerOverlay entries={entries} index={o.index} current={scenario?.name ?? 'sandbox'} width={bodyWidth} height={L.bodyHeight} />;
  } else if (o?.kind === 'key') {
    const k = keyOverlay(world, o.server, o.key, bodyWidth - 4, o.top, overlayRows);
    overlayTotal = k.total;
    overlay = <TextOverlay title={k.title} info={k.info} lines={k.lines} top={0} width={bodyWidth} height={L.bodyHeight} />;
  } else if (o?.kind === 'znode') {
    const lines = znodeOverlayLines(world, o.server, o.path, bodyWidth - 4);
    overlayTotal = lines.length;
    overlay = <TextOverlay title={`${o.server} › ${o.path}`} info={`${Math.min(lines.length, o.top + overlayRows)}/${lines.length} · Esc`} lines={lines} top={o.top} width={bodyWidth} height={L.bodyHeight} />;
  }

  // --- what the cursors are on, for the keys
  const selectedProcess = snapshot.processes[cur.processes.index]?.name;
  const selectedKey = keys !== undefined && keys.keys.length > 0 ? { server: keys.server, key: keys.keys[cur.keyspace.index]! } : undefined;
  const line = tree !== undefined && tree.count > 0 ? tree.line(cur.zktree.index) : undefined;
  const selectedZnode = tree !== undefined && line !== undefined ? { server: tree.server, path: line.path, children: line.children, collapsed: line.collapsed } : undefined;
  const frame: FrameInfo = {
    order: L.order,
    lists,
    overlay: { total: overlayTotal, height: overlayRows },
    console: { total: state.log.length, height: L.consoleLines },
    selectedProcess,
    selectedKey,
    selectedZnode,
    selectedStep: tl.count > 0 ? tl.line(cur.timeline.index).step : undefined,
    scenarioCount: entries.length,
  };
  useKeys({ ui, dispatch, session, frame, quit: onQuit ?? (() => exit()) });

  const pane = (p: PaneBox): React.JSX.Element | null => {
    const focused = ui.focus === p.id && o === null;
    switch (p.id) {
      case 'processes':
        return <ProcessesPane key={p.id} world={world} snapshot={snapshot} width={p.width} height={p.height} focused={focused} cursor={cur.processes} as={state.as} />;
      case 'keyspace':
        return keys === undefined ? null : <KeyspacePane key={p.id} world={world} index={keys} width={p.width} height={p.height} focused={focused} cursor={cur.keyspace} />;
      case 'zktree':
        return tree === undefined ? null : <ZkTreePane key={p.id} world={world} tree={tree} owners={owners} watches={watches} width={p.width} height={p.height} focused={focused} cursor={cur.zktree} />;
      case 'timeline':
        return <TimelinePane key={p.id} world={world} timeline={tl} filter={filter} typing={ui.filterDraft !== null} width={p.width} height={p.height} focused={focused} cursor={cur.timeline} />;
      case 'scenario':
        return scenario === null ? null : <ScenarioPane key={p.id} title={`Scenario · seed ${state.seed}`} lines={story} width={p.width} height={p.height} focused={focused} cursor={{ index: cur.scenario.index, top: cur.scenario.index }} />;
      default:
        return null;
    }
  };

  if (columns < MIN_COLUMNS || rows < MIN_ROWS) {
    // Drawing the panes anyway would overflow the screen (the top line scrolls off, rows wrap).
    const lines = [`The terminal is ${columns}×${rows}:`, `redzoo needs ${MIN_COLUMNS}×${MIN_ROWS}`, '(80×24 or more is best).', 'Make it bigger, or q quits.'];
    return (
      <Box flexDirection="column" width={Math.max(1, columns)} height={Math.max(1, rows)}>
        {lines.slice(0, Math.max(1, rows)).map((l, i) => (
          <Text key={i} wrap="truncate">
            {clip(l, Math.max(1, columns))}
          </Text>
        ))}
      </Box>
    );
  }

  return (
    <Box flexDirection="column" width={L.columns} height={L.rows}>
      <Header width={L.columns} state={state} step={world.step} time={world.now} />
      {overlay ?? (
        <Box flexDirection="row" width={L.columns} height={L.bodyHeight}>
          {L.body.map((col, i) => (
            <Box key={i} flexDirection="column" width={col.width} height={L.bodyHeight} flexShrink={0}>
              {col.rows.map((r, j) => (
                <Box key={j} flexDirection="row" width={col.width} height={r.height} flexShrink={0}>
                  {r.panes.map(pane)}
                </Box>
              ))}
            </Box>
          ))}
        </Box>
      )}
      <PromptBar width={L.columns} consoleLines={L.consoleLines} state={state} text={ui.prompt.text} focused={ui.focus === 'prompt' && o === null} consoleBack={ui.consoleBack} hints={L.columns >= HINTS.length ? HINTS : SHORT_HINTS} />
    </Box>
  );
}
