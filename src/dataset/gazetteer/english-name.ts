/**
 * Chinese administrative-division names → the English forms used in English-language
 * yearbooks ("甘孜藏族自治州" → "Ganzi Tibetan Autonomous Prefecture").
 *
 * The whole name is romanised first and the suffix stripped afterwards, because the
 * reading of a character depends on its neighbours (乐都 is Ledu, not Ledou).
 */
import { pinyin, addDict } from 'pinyin-pro';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
addDict(require('@pinyin-pro/data/complete.json'));

/** Ethnic groups as they appear inside autonomous-area names, longest first when matched. */
const ETHNIC: Record<string, string> = {
  藏族: 'Tibetan',
  回族: 'Hui',
  彝族: 'Yi',
  羌族: 'Qiang',
  土族: 'Tu',
  撒拉族: 'Salar',
  蒙古族: 'Mongolian',
  蒙古: 'Mongol',
  苗族: 'Miao',
  侗族: 'Dong',
  布依族: 'Buyi',
  土家族: 'Tujia',
  壮族: 'Zhuang',
  瑶族: 'Yao',
  仡佬族: 'Gelao',
  水族: 'Shui',
  哈尼族: 'Hani',
  傣族: 'Dai',
  白族: 'Bai',
  傈僳族: 'Lisu',
  纳西族: 'Naxi',
  景颇族: 'Jingpo',
  拉祜族: 'Lahu',
  佤族: 'Va',
  布朗族: 'Blang',
  独龙族: 'Derung',
  怒族: 'Nu',
  普米族: 'Pumi',
  哈萨克: 'Kazak',
  哈萨克族: 'Kazak',
  柯尔克孜: 'Kirgiz',
  柯尔克孜族: 'Kirgiz',
  维吾尔: 'Uygur',
  东乡族: 'Dongxiang',
  保安族: 'Bonan',
  裕固族: 'Yugur',
  满族: 'Manchu',
  朝鲜族: 'Korean',
  锡伯: 'Xibe',
  达斡尔族: 'Daur',
  鄂温克族: 'Ewenki',
  鄂温克: 'Ewenki',
  鄂伦春: 'Oroqen',
  黎族: 'Li',
  畲族: 'She',
  毛南族: 'Maonan',
  仫佬族: 'Mulao',
  京族: 'Gin',
  各族: 'Multi-ethnic',
  塔吉克: 'Tajik',
  阿昌族: 'Achang',
  德昂族: 'Deang',
  基诺族: 'Jino',
  拉祜族佤族: 'Lahu and Va',
};
const ETHNIC_KEYS = Object.keys(ETHNIC).sort((a, b) => b.length - a.length);

/** Names whose English form is not their pinyin (conventional or non-Han toponyms). */
export const CONVENTIONAL: Record<string, string> = {
  内蒙古: 'Inner Mongolia',
  陕西: 'Shaanxi',
  西藏: 'Tibet',
  鄂尔多斯: 'Ordos',
  乌兰察布: 'Ulanqab',
  呼和浩特: 'Hohhot',
  呼伦贝尔: 'Hulunbuir',
  巴彦淖尔: 'Bayannur',
  锡林郭勒: 'Xilingol',
  兴安: 'Hinggan',
  阿拉善: 'Alxa',
  乌鲁木齐: 'Urumqi',
  喀什: 'Kashgar',
  哈密: 'Hami',
  和田: 'Hotan',
  阿克苏: 'Aksu',
  伊犁: 'Ili',
  克拉玛依: 'Karamay',
  吐鲁番: 'Turpan',
  香港: 'Hong Kong',
  澳门: 'Macao',
  科尔沁: 'Horqin',
  达尔罕茂明安: 'Darhan Muminggan',
  四子王: 'Siziwang',
  察哈尔: 'Qahar',
  鄂伦春自治: 'Oroqen',
  莫力达瓦: 'Morin Dawa',
  阿荣: 'Arun',
  扎赉特: 'Jalaid',
  乌拉特: 'Urad',
  土默特: 'Tumed',
  苏尼特: 'Sonid',
  阿巴嘎: 'Abag',
  东乌珠穆沁: 'East Ujimqin',
  西乌珠穆沁: 'West Ujimqin',
  正镶白: 'Zhengxiangbai',
  镶黄: 'Xianghuang',
  正蓝: 'Zhenglan',
  太仆寺: 'Taibus',
  多伦: 'Duolun',
  库伦: 'Hure',
  奈曼: 'Naiman',
  扎鲁特: 'Jarud',
  巴林: 'Bairin',
  翁牛特: 'Ongniud',
  喀喇沁: 'Harqin',
  敖汉: 'Aohan',
  克什克腾: 'Hexigten',
  阿鲁科尔沁: 'Ar Horqin',
  杭锦: 'Hanggin',
  鄂托克: 'Otog',
  乌审: 'Uxin',
  伊金霍洛: 'Ejin Horo',
  准格尔: 'Jungar',
  达拉特: 'Dalad',
  额济纳: 'Ejina',
  红寺堡: 'Hongsipu',
  陈巴尔虎: 'Old Barag',
  新巴尔虎: 'New Barag',
  海拉尔: 'Hailar',
  满洲里: 'Manzhouli',
  额尔古纳: 'Ergun',
  根河: 'Genhe',
  牙克石: 'Yakeshi',
  扎兰屯: 'Zalantun',
  乌兰浩特: 'Ulanhot',
  阿尔山: 'Arxan',
  二连浩特: 'Erenhot',
  锡林浩特: 'Xilinhot',
  集宁: 'Jining',
  丰镇: 'Fengzhen',
  卓资: 'Zhuozi',
  化德: 'Huade',
  商都: 'Shangdu',
  兴和: 'Xinghe',
  凉城: 'Liangcheng',
  察哈尔右翼: 'Qahar Right',
  武川: 'Wuchuan',
  固阳: 'Guyang',
  白云鄂博: 'Bayan Obo',
  磴口: 'Dengkou',
};

/** Positional qualifiers of Inner Mongolian banners (科尔沁右翼中旗 → Horqin Right Middle Banner). */
const POSITIONAL: Record<string, string> = {
  右翼前: 'Right Front',
  右翼中: 'Right Middle',
  右翼后: 'Right Rear',
  左翼前: 'Left Front',
  左翼中: 'Left Middle',
  左翼后: 'Left Rear',
  前: 'Front',
  中: 'Middle',
  后: 'Rear',
  左: 'Left',
  右: 'Right',
  左旗: 'Left',
  右旗: 'Right',
  联合: 'United',
  东: 'East',
  西: 'West',
  左翼: 'Left',
  右翼: 'Right',
};

/** Suffix → [English suffix, kind, level], longest first. */
const SUFFIXES: Array<[string, string, string]> = [
  ['特别行政区', 'Special Administrative Region', 'special-administrative-region'],
  ['自治区', 'Autonomous Region', 'autonomous-region'],
  ['自治州', 'Autonomous Prefecture', 'autonomous-prefecture'],
  ['自治县', 'Autonomous County', 'autonomous-county'],
  ['自治旗', 'Autonomous Banner', 'autonomous-banner'],
  ['特区', 'Special District', 'special-district'],
  ['新区', 'New Area', 'district'],
  ['林区', 'Forestry District', 'forestry-district'],
  ['地区', 'Prefecture', 'prefecture'],
  ['省', 'Province', 'province'],
  ['盟', 'League', 'league'],
  ['县', 'County', 'county'],
  ['旗', 'Banner', 'banner'],
  ['区', 'District', 'district'],
  ['市', 'City', 'city'],
];

export interface EnglishName {
  /** Full English name, e.g. "Aba Tibetan and Qiang Autonomous Prefecture". */
  name: string;
  /** The romanised stem alone, e.g. "Aba". */
  stem: string;
  /** Kind derived from the suffix; cities are refined by the caller from the code level. */
  suffixKind: string;
}

/** Syllables joined with an apostrophe where a syllable starts with a, o or e (Xi'an, Ping'an). */
export function joinSyllables(syllables: string[]): string {
  let out = '';
  for (const s of syllables) {
    if (out && /^[aoe]/.test(s)) out += "'";
    out += s;
  }
  return out.charAt(0).toUpperCase() + out.slice(1);
}

function romanise(zh: string): string[] {
  return pinyin(zh, { toneType: 'none', type: 'array', v: true }).map((s) => s.replace(/ü/g, 'v'));
}

/** Romanise a stem, honouring conventional names (also as a prefix: 科尔沁右翼前 → Horqin …). */
function stemToEnglish(stemZh: string, syllables: string[]): string {
  if (CONVENTIONAL[stemZh]) return CONVENTIONAL[stemZh];
  const prefix = Object.keys(CONVENTIONAL)
    .filter((k) => stemZh.startsWith(k) && k.length < stemZh.length)
    .sort((a, b) => b.length - a.length)[0];
  if (prefix) {
    const rest = stemZh.slice(prefix.length);
    const positional = POSITIONAL[rest];
    return `${CONVENTIONAL[prefix]} ${positional ?? joinSyllables(syllables.slice(prefix.length))}`;
  }
  return joinSyllables(syllables);
}

export function englishName(zh: string): EnglishName {
  const syllables = romanise(zh);
  const suffix = SUFFIXES.find(([s]) => zh.endsWith(s) && zh.length > s.length);
  if (!suffix) {
    const stem = stemToEnglish(zh, syllables);
    return { name: stem, stem, suffixKind: 'other' };
  }
  const [zhSuffix, enSuffix, kind] = suffix;
  let body = zh.slice(0, zh.length - zhSuffix.length);
  let bodySyllables = syllables.slice(0, body.length);
  // Autonomous areas name their peoples between stem and suffix: strip them from the end.
  const peoples: string[] = [];
  if (zhSuffix.startsWith('自治') && !CONVENTIONAL[body]) {
    for (;;) {
      const hit = ETHNIC_KEYS.find((e) => body.endsWith(e) && (body.length > e.length || (peoples.length === 0 && e.endsWith('族'))));
      if (!hit) break;
      peoples.unshift(ETHNIC[hit]);
      body = body.slice(0, body.length - hit.length);
      bodySyllables = bodySyllables.slice(0, body.length);
    }
  }
  // A county named after its people (东乡族自治县): the people's name is the stem.
  if (!body && peoples.length) return { name: `${peoples[0]} ${enSuffix}`, stem: peoples[0], suffixKind: kind };
  const stem = stemToEnglish(body, bodySyllables);
  const peopleText = peoples.length
    ? ` ${peoples.length > 2 ? `${peoples.slice(0, -1).join(', ')} and ${peoples.at(-1)}` : peoples.join(' and ')}`
    : '';
  return { name: `${stem}${peopleText} ${enSuffix}`, stem, suffixKind: kind };
}
