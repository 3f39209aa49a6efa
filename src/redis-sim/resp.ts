import type { Reply } from './reply.js';

/**
 * RESP2 encoding: the exact bytes Redis writes for a reply. Built as a binary string (one char
 * per byte), then handed out as a Buffer.
 */
export function encodeResp(reply: Reply): Buffer {
  return Buffer.from(encodeRespString(reply), 'latin1');
}

export function encodeRespString(reply: Reply): string {
  switch (reply.type) {
    case 'status':
      return `+${reply.value}\r\n`;
    case 'error':
      return `-${reply.value}\r\n`;
    case 'integer':
      return `:${reply.value}\r\n`;
    case 'bulk':
      return reply.value === null ? '$-1\r\n' : `$${reply.value.length}\r\n${reply.value}\r\n`;
    case 'array': {
      if (reply.value === null) return '*-1\r\n';
      let s = `*${reply.value.length}\r\n`;
      for (const r of reply.value) s += encodeRespString(r);
      return s;
    }
  }
}
