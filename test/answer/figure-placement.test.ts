import { describe, expect, it } from 'vitest';
import { figurePlacement } from '../../src/answer/figure-placement.ts';
import { useOfflineCore } from '../support/offline-core.ts';

const SIZES = [
  "L'ACI classe les CPTS en quatre tailles selon la population couverte :",
  '- taille 1 : moins de 40 000 habitants ;',
  '- taille 2 : de 40 000 à 80 000 habitants ;',
  '- taille 3 : de 80 000 à 175 000 habitants ;',
  '- taille 4 : plus de 175 000 habitants. [1]',
].join('\n');

describe('a figure the question gives, placed among the ranges the answer lists', () => {
  it.each([
    ['Notre territoire fait 95 000 habitants, quelle taille ?', 'taille 3'],
    ['95\u00a0000 habitants : quelle taille de CPTS ?', 'taille 3'],
    ['95\u202f000 habitants : quelle taille ?', 'taille 3'],
    ['95.000 habitants, on est en quelle taille ?', 'taille 3'],
    ['CPTS de 30000 habitants ?', 'taille 1'],
    ['on couvre 200 000 habitants', 'taille 4'],
    ['on est 12 professionnels pour 95 000 habitants, quelle taille ?', 'taille 3'],
    ['Notre CPTS couvre cent vingt mille habitants, on est dans quelle taille ?', 'taille 3'],
    ['CPTS de cinquante mille habitants : quelle taille ?', 'taille 2'],
  ])('« %s » → %s', (question, size) => {
    expect(figurePlacement(question, SIZES)).toMatch(new RegExp(`^\\*\\*Avec [\\d\\s\u202f]+ habitants : ${size}\\*\\*`));
  });

  it('a figure on a limit two ranges share is said to be on it, not placed', () => {
    expect(figurePlacement('CPTS de 80 000 habitants : quelle taille ?', SIZES)).toMatch(/à la limite de taille 2 et de taille 3\*\* — les sources ne disent pas/);
  });

  it.each([
    ['Quelle taille pour une CPTS ?', 'no figure'],
    ['Notre coordinatrice a 45 ans, quelle taille ?', 'another unit'],
  ])('« %s » : nothing to place (%s)', (question) => {
    expect(figurePlacement(question, SIZES)).toBeNull();
  });

  it('an answer with no list of ranges places nothing', () => {
    expect(figurePlacement('95 000 habitants ?', 'Une CPTS réunit les professionnels de santé d’un territoire.')).toBeNull();
  });
});

describe('through the offline core', () => {
  const { ask } = useOfflineCore();
  it.each([
    ['Notre territoire fait 95 000 habitants, ça nous met dans quelle taille de CPTS ?', /^\*\*Avec 95\s000 habitants : taille 3\*\*/u],
    ['tailles de CPTS pour 200 000 habitants ?', /^\*\*Avec 200\s000 habitants : taille 4\*\*/u],
  ])('« %s »', async (question, lead) => {
    expect((await ask(question)).text).toMatch(lead);
  });
});
