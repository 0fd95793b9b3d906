import { describe, expect, it } from 'vitest';
import { intOption, parseOptions, UsageError } from './args.js';

const OPTS = { out: { type: 'string', short: 'o' }, json: { type: 'boolean' }, seconds: { type: 'string' } } as const;
const usage = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error('expected a usage error');
};

describe('the command-line parser', () => {
  it('reads flags, inline values and positionals, and adds --help', () => {
    const r = parseOptions(['p.json', '--out', 'x', '--json', '--seconds=2'], OPTS, 1);
    expect(r).toEqual({ positionals: ['p.json'], values: { out: 'x', json: true, seconds: '2' } });
    expect(parseOptions(['-h'], OPTS, 0).values.help).toBe(true);
    expect(usage(() => parseOptions(['--help'], OPTS, 0, { help: false }))).toBe("unknown option '--help'");
  });

  it("puts parseArgs' errors in one line each", () => {
    expect(usage(() => parseOptions(['--colour'], OPTS, 0))).toBe("unknown option '--colour'");
    expect(usage(() => parseOptions(['--out'], OPTS, 0))).toBe('--out needs a value');
    expect(usage(() => parseOptions(['-o'], OPTS, 0))).toBe('--out needs a value');
    expect(usage(() => parseOptions(['--out', '--json'], OPTS, 0))).toBe('--out needs a value');
    expect(usage(() => parseOptions(['--json=yes'], OPTS, 0))).toBe('--json takes no value');
    expect(usage(() => parseOptions(['a', 'b'], OPTS, 1))).toBe("unexpected argument 'b'");
  });

  it('takes a value with one leading dash as the value, to be checked by the option', () => {
    const r = parseOptions(['--seconds', '-1'], OPTS, 0);
    expect(r.values.seconds).toBe('-1');
    expect(usage(() => intOption(r.values, 'seconds', 0))).toBe("--seconds must be a whole number ≥ 0, got '-1'");
    // After "--" everything is a positional.
    expect(parseOptions(['--', '--seconds', '-1'], OPTS, 2).positionals).toEqual(['--seconds', '-1']);
  });

  it('refuses an empty value where asked to', () => {
    expect(parseOptions(['--out='], OPTS, 0).values.out).toBe('');
    expect(usage(() => parseOptions(['--out='], OPTS, 0, { refuseEmpty: true }))).toBe('--out needs a value');
  });
});
