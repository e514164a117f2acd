import { describe, expect, it } from 'vitest';
import { parseCtiMessage } from '../../../src/main/core/cti/cti-messages';
import {
  CLOSE,
  OPCODE,
  decodeFrame,
  encodeFrame,
  websocketAccept,
} from '../../../src/main/core/cti/websocket';

describe('CTI messages', () => {
  it('reads the three events', () => {
    expect(
      parseCtiMessage('{"event":"ringing","callId":"a-1","ani":" +81 90 1234 5678 "}'),
    ).toEqual({
      ok: true,
      event: { type: 'ringing', callId: 'a-1', ani: '+81 90 1234 5678' },
      requestId: undefined,
    });
    expect(parseCtiMessage('{"event":"answered","callId":"a-1","requestId":"r7"}')).toEqual({
      ok: true,
      event: { type: 'answered', callId: 'a-1' },
      requestId: 'r7',
    });
    expect(parseCtiMessage('{"event":"ended","callId":"a-1"}')).toMatchObject({
      ok: true,
      event: { type: 'ended' },
    });
  });

  it('explains what is wrong', () => {
    const cases: Array<[string, string, string]> = [
      ['{', 'invalid_json', 'not valid JSON'],
      ['[]', 'invalid_message', 'expected object'],
      ['{"event":"hangup","callId":"a"}', 'invalid_message', 'event: must be'],
      ['{"event":"ringing","callId":"a"}', 'invalid_message', 'ani:'],
      ['{"event":"answered","callId":""}', 'invalid_message', 'callId: callId must not be empty'],
      ['{"event":"answered","callId":"a b"}', 'invalid_message', 'printable ASCII'],
      ['{"event":"answered","callId":"a","ani":"1"}', 'invalid_message', 'Unrecognized key'],
      ['{"event":"ringing","callId":"a","ani":"1\\u202e2"}', 'invalid_message', 'control'],
      [`{"event":"answered","callId":"${'x'.repeat(129)}"}`, 'invalid_message', '128'],
    ];
    for (const [text, code, message] of cases) {
      const result = parseCtiMessage(text);
      expect(result, text).toMatchObject({ ok: false, error: { code } });
      if (!result.ok) expect(result.error.message, text).toContain(message);
    }
  });
});

describe('WebSocket frames', () => {
  it('computes the RFC 6455 accept value', () => {
    expect(websocketAccept('dGhlIHNhbXBsZSBub25jZQ==')).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
  });

  it('round-trips masked frames of every length encoding', () => {
    const mask = Buffer.from([1, 2, 3, 4]);
    for (const size of [0, 5, 125, 126, 65_535, 65_536]) {
      const payload = Buffer.alloc(size, 'é');
      const decoded = decodeFrame(encodeFrame(OPCODE.text, payload, { mask }), 100_000);
      if (!('frame' in decoded)) throw new Error(`size ${size}: ${JSON.stringify(decoded)}`);
      expect(decoded.frame).toMatchObject({ fin: true, opcode: OPCODE.text, masked: true });
      expect(decoded.frame.payload.equals(payload)).toBe(true);
      expect(decoded.rest.length).toBe(0);
    }
  });

  it('waits for the rest of a split frame and keeps what follows it', () => {
    const two = Buffer.concat([encodeFrame(OPCODE.ping, 'a'), encodeFrame(OPCODE.text, 'b')]);
    expect(decodeFrame(two.subarray(0, 1), 100)).toEqual({ incomplete: true });
    expect(decodeFrame(two.subarray(0, 2), 100)).toEqual({ incomplete: true });
    const first = decodeFrame(two, 100);
    expect('rest' in first && first.rest.toString('latin1')).toBe('\x81\x01b');
  });

  it('refuses oversized messages, bad control frames and reserved bits', () => {
    expect(decodeFrame(encodeFrame(OPCODE.text, 'x'.repeat(200)), 100)).toEqual({
      error: { code: CLOSE.messageTooBig, reason: 'Message too big' },
    });
    expect(decodeFrame(encodeFrame(OPCODE.ping, 'x', { fin: false }), 100)).toMatchObject({
      error: { code: CLOSE.protocolError },
    });
    expect(decodeFrame(Buffer.from([0xc1, 0x00]), 100)).toMatchObject({
      error: { code: CLOSE.protocolError },
    });
    const huge = Buffer.from([0x81, 127, 0xff, 0, 0, 0, 0, 0, 0, 0]);
    expect(decodeFrame(huge, 100)).toMatchObject({ error: { code: CLOSE.messageTooBig } });
  });
});
