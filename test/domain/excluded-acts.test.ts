import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRegistries } from '../../src/domain/load.ts';
import { eligibilityAnswer } from '../../src/domain/eligibility.ts';

const registries = loadRegistries(join(import.meta.dirname, '../../knowledge'));
const verdict = (text: string) => eligibilityAnswer(registries, text, '2026-12-02')?.text.split('\n')[0] ?? null;

describe('an act the protocol leaves out', () => {
  it.each([
    ['Le MERM peut-il faire une écho cardiaque dans le cadre du protocole de coopération ?', 'cardiaques'],
    ["Manip radio, 2 ans d'expérience et le DIU ; on me demande des échos cardiaques en délégation. Le protocole le permet ?", 'cardiaques'],
    ['LE MERM PEUT-IL FAIRE DES ÉCHOGRAPHIES CARDIAQUES DANS LE PROTOCOLE ?', 'cardiaques'],
    ['le merm peut il faire des echographies\u00a0cardiaques dans le protocole ?', 'cardiaques'],
    ['Our radiographer has the DIU and wants to do cardiac ultrasounds under the national MERM protocol. Is that allowed?', 'cardiaques'],
    ['Can a MERM do echocardiography under the cooperation protocol?', 'cardiaques'],
    ['Dans le protocole écho, le MERM a le droit de faire les échos de grossesse ?', 'obstétricales'],
    ['Can a trained radiographer perform obstetric ultrasounds under the national delegation protocol?', 'obstétricales'],
    ["La nuit, échographie d'urgence faite par le manip en délégation du radiologue, c'est prévu par le protocole ?", "d'urgence"],
  ])('« %s » : Non, the protocol excludes the %s', (question, act) => {
    expect(verdict(question)).toBe(`**Non** : ce protocole exclut les échographies ${act}.`);
  });

  it.each([
    // An act the protocol delegates, or one the question says is not asked, is no reason for a « Non ».
    ['Le MERM peut-il faire une échographie abdominale dans le cadre du protocole de coopération ?'],
    ["Le MERM peut-il faire une écho vasculaire (pas d'écho cardiaque) dans le cadre du protocole ?"],
    // Asked whether the protocol leaves it out: « Non » would contradict what follows.
    ["Le protocole MERM exclut-il les échographies d'urgence ?"],
    ['Les échographies cardiaques sont-elles exclues du protocole de coopération MERM ?'],
    ['Does the MERM cooperation protocol exclude cardiac ultrasound?'],
    // The excluded act is the patient's history, or what came before; the act asked is one the protocol delegates.
    ["Ma patiente a eu une échographie cardiaque le mois dernier ; le manipulateur radio peut-il lui faire l'échographie abdominale dans le cadre du protocole ?"],
    ['Le manipulateur radio peut-il faire une échographie vasculaire prescrite après une échocardiographie, dans le cadre du protocole MERM ?'],
  ])('« %s » : no exclusion said', (question) => {
    expect(verdict(question) ?? '').not.toMatch(/exclut les échographies/);
  });
});
