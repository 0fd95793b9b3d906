import { describe, expect, it } from 'vitest';
import { parseWebArgs } from './web-cli.js';

describe('npm run web arguments', () => {
  it('reads --port and --workspace, with a random port by default', () => {
    expect(parseWebArgs([]).port).toBe(0);
    expect(parseWebArgs(['--port', '8080']).port).toBe(8080);
    expect(parseWebArgs(['--port=9000', '--workspace', '/tmp/w'])).toMatchObject({ port: 9000, workspace: '/tmp/w' });
  });

  it('names what is wrong', () => {
    expect(() => parseWebArgs(['--port', 'http'])).toThrow(/--port must be a whole number .* got 'http'/);
    expect(() => parseWebArgs(['--port'])).toThrow(/--port needs a value/);
    expect(() => parseWebArgs(['--host', '0.0.0.0'])).toThrow(/unknown option '--host'/);
  });

  it('takes a fixed token only from LAYERLAB_WEB_TOKEN', () => {
    expect(parseWebArgs([]).token).toBeUndefined();
    expect(parseWebArgs([], { LAYERLAB_WEB_TOKEN: 't' }).token).toBe('t');
  });
});
