import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

/**
 * Words that say how a matter was raised, not what it is about (反映, 希望, 處理 …): two reflections sharing them
 * share nothing. Kept short on purpose; what a matter is about is in its nouns and verbs.
 */
const FILLER = new Set(
  (
    '反映 希望 建議 要求 請求 請 儘速 盡速 儘快 盡快 處理 改善 協助 相關 單位 民眾 居民 里民 村民 里長 村長 表示 指出 認為 ' +
    '目前 現在 已經 一直 仍 仍然 還是 沒有 未 不 無 有 是 的 了 在 和 與 及 或 也 都 就 很 太 多 又 並 且 但 而 因 因為 所以 ' +
    '造成 導致 影響 問題 情形 狀況 事項 部分 方面 進行 辦理 應 能 可 可以 需要 需 會 要 讓 使 對 於 將 把 被 給 向 從 到 ' +
    '這 那 此 該 其 之 為 以 等 上 下 中 時 後 前 一 個 些 什麼 如何 怎麼 是否 一下 多次 多日 許久 長期 每次 附近 地區 這裡 那裡 ' +
    '有關 關於 擔心 恐 怕 多時 多年 許多'
  ).split(' '),
);

const MAX_TERMS = 64;

/** Segments Traditional Chinese text into terms with jieba's dictionary and its HMM for words the dictionary lacks. */
export class MatterTerms {
  private jieba: Jieba | null = null;

  /**
   * What a text is about: its words without fillers, punctuation or numbers (to show), and the terms compared,
   * the pairs of characters of what is left between fillers and punctuation (大里溪疏濬 as 大里, 里溪, 溪疏, 疏濬).
   * Jieba's dictionary is of Simplified Chinese, so it often cuts a Traditional phrase differently in two texts
   * (大里溪河道 as 大里, 溪河, 道; 大里溪 alone as one word); the pairs still meet, while the fillers jieba finds
   * (反映, 希望, 請) keep how a matter was put out of what it is. Terms sorted, at most 64.
   */
  of(text: string): { words: string[]; terms: string[] } {
    this.jieba ??= Jieba.withDict(dict);
    const words: string[] = [];
    const terms = new Set<string>();
    let run: string[] = [];
    const pairs = () => {
      for (let i = 0; i + 1 < run.length; i++) terms.add(run[i] + run[i + 1]);
      if (run.length === 1 && THINGS.has(run[0])) terms.add(run[0]);
      run = [];
    };
    for (const word of this.jieba.cut(text.normalize('NFKC'), true)) {
      const term = word.trim().toLowerCase();
      if (!/\p{Script=Han}|[a-z]/u.test(term) || FILLER.has(term)) {
        pairs();
        continue;
      }
      run.push(...term);
      if ([...term].length >= 2 && !words.includes(term)) words.push(term);
    }
    pairs();
    return { words, terms: [...terms].sort().slice(0, MAX_TERMS) };
  }
}

/** A single character that is a matter's subject on its own (a 溝 between two fillers). */
const THINGS = new Set('溝 橋 路 燈 河 溪 圳 堤 樹 屋 牆 坑 洞 水 電 廟 站'.split(' '));

/** How much two sets of terms share: |A ∩ B| / |A ∪ B| (1 for the same terms, 0 for none in common). */
export function jaccard(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const inA = new Set(a);
  const shared = b.filter((term) => inA.has(term)).length;
  return shared / (a.length + b.length - shared);
}
