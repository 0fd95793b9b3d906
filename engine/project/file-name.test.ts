import { describe, expect, it } from 'vitest';
import { fileStem } from './file-name.js';

describe('fileStem', () => {
  it('makes file-name stems from any project name', () => {
    expect(fileStem('MNIST — convolutional')).toBe('MNIST-convolutional');
    expect(fileStem('../../etc/passwd')).toBe('etcpasswd');
    expect(fileStem('   ')).toBe('untitled');
    expect(fileStem('kept before new')).toBe('kept-before-new');
    expect(fileStem('Café au lait')).toBe('Cafe-au-lait');
  });

  it('starts with a letter or digit and stays within 80 characters', () => {
    expect(fileStem('.hidden')).toBe('hidden');
    expect(fileStem('_-_x')).toBe('x');
    expect(fileStem('a'.repeat(200))).toHaveLength(80);
    expect(fileStem('???', 'model')).toBe('model');
  });

  it('gives names the contract takes as a suggested name', () => {
    const safe = /^[A-Za-z0-9][A-Za-z0-9 ._-]*$/;
    for (const n of ['MNIST — conv', ' x ', '..', 'a/b\\c', 'ÆØÅ', '日本語', 'ok.name']) expect(fileStem(n)).toMatch(safe);
  });
});
