/**
 * Every key binding, as data: the help overlay lists it and docs/tui.md is checked against it,
 * so what the help says is what the handlers do (src/tui/input/handle-key.ts).
 */
export interface Binding {
  keys: string;
  what: string;
}

export interface BindingGroup {
  title: string;
  bindings: Binding[];
}

export const KEYMAP: readonly BindingGroup[] = [
  {
    title: 'Everywhere',
    bindings: [
      { keys: '?', what: 'this help (pauses the player)' },
      { keys: 'q', what: 'quit (closes an overlay first)' },
      { keys: 'Ctrl-C', what: 'quit' },
      { keys: 'Tab / Shift-Tab', what: 'next / previous pane' },
      { keys: 'Esc', what: 'back: close an overlay, leave the prompt, clear the filter' },
    ],
  },
  {
    title: 'Time',
    bindings: [
      { keys: 'space', what: 'play / pause' },
      { keys: '→ / ←', what: 'step forward / back one event (time travel)' },
      { keys: '] / [', what: 'faster / slower' },
      { keys: 's', what: 'pick a scenario (or the sandbox)' },
    ],
  },
  {
    title: 'Lists',
    bindings: [
      { keys: '↑ ↓ / k j', what: 'move' },
      { keys: 'PgUp PgDn', what: 'a page up / down' },
      { keys: 'Home End / g G', what: 'first / last' },
      { keys: 'Enter', what: 'open: a key, a znode; act as a process; travel to a timeline line' },
      { keys: '+ / -', what: 'expand / collapse a znode' },
      { keys: 'c r p', what: 'crash / restart / pause 5s the selected process' },
      { keys: '/', what: 'filter the timeline (Enter keeps it, Esc drops it)' },
    ],
  },
  {
    title: 'Prompt',
    bindings: [
      { keys: '> or i', what: 'type a Redis or zkCli command (as the chosen process)' },
      { keys: ':', what: 'type a command (:help lists them)' },
      { keys: 'Enter', what: 'run the line' },
      { keys: '↑ / ↓', what: 'history' },
      { keys: 'PgUp PgDn', what: 'scroll the console' },
      { keys: 'Ctrl-U', what: 'clear the line' },
    ],
  },
];
