/**
 * The welfare points mall (积分商城). A redemption row carries the item id (M-…) as rule_id, the item's category and
 * what the item cost the company as cash_value. Items are not in rules.csv: that table is the earning rules, and
 * mixing rewards into it would distort the tier mix and the "rules nobody uses" check. They are listed in items.csv.
 */
import { cumulative, type Rng } from './rng.ts';

export interface Item {
  id: string;
  name: string;
  category: string;
  points: number;
  /** Purchase cost in CNY; below face value (points × 0.01) because the mall buys in bulk. */
  cash: number;
  /** Calendar months in which the item is on the shelf; absent = all year. */
  months?: readonly number[];
  /** Offered to women only (妇女节 gifts). */
  women?: boolean;
  /** Relative popularity. */
  weight: number;
}

export const ITEMS: readonly Item[] = [
  { id: 'M-101', name: '洗衣液套装', category: '生活用品', points: 800, cash: 7.2, weight: 10 },
  { id: 'M-102', name: '食用油5L', category: '生活用品', points: 1200, cash: 10.8, weight: 9 },
  { id: 'M-103', name: '大米10kg', category: '生活用品', points: 1000, cash: 9.0, weight: 8 },
  { id: 'M-104', name: '毛巾礼盒', category: '生活用品', points: 600, cash: 5.5, weight: 6 },
  { id: 'M-201', name: '蓝牙耳机', category: '电子产品', points: 9000, cash: 85.0, weight: 3 },
  { id: 'M-202', name: '充电宝', category: '电子产品', points: 4000, cash: 37.0, weight: 4 },
  { id: 'M-203', name: '智能手环', category: '电子产品', points: 15000, cash: 142.0, weight: 1.5 },
  { id: 'M-301', name: '超市购物卡50元', category: '购物卡', points: 5000, cash: 50.0, weight: 6 },
  { id: 'M-302', name: '超市购物卡100元', category: '购物卡', points: 10000, cash: 100.0, weight: 4 },
  { id: 'M-401', name: '绿豆汤礼包', category: '防暑降温', points: 500, cash: 4.5, months: [6, 7, 8], weight: 12 },
  { id: 'M-402', name: '防暑药品套装', category: '防暑降温', points: 700, cash: 6.3, months: [6, 7, 8], weight: 10 },
  { id: 'M-501', name: '鲜花礼盒', category: '妇女节', points: 1500, cash: 13.5, months: [3], women: true, weight: 25 },
  {
    id: 'M-502',
    name: '护手霜礼盒',
    category: '妇女节',
    points: 1000,
    cash: 9.0,
    months: [3],
    women: true,
    weight: 20,
  },
  { id: 'M-601', name: '中秋月饼礼盒', category: '节日礼品', points: 2500, cash: 22.5, months: [9], weight: 15 },
];

/** Per calendar month (index 1–12), the cheapest seasonal gift in hundredths, or Infinity: in season, people redeem before reaching their wish. */
export const SEASON_FLOOR: readonly number[] = Array.from({ length: 13 }, (_, m) =>
  Math.min(Infinity, ...ITEMS.filter((it) => it.months?.includes(m)).map((it) => it.points * 100)),
);

/** One id per gift season (year × 100 + the season's first month): an account buys one seasonal gift per season. */
export function seasonOf(day: { date: string; calMonth: number }): number {
  return Number(day.date.slice(0, 4)) * 100 + (day.calMonth >= 6 && day.calMonth <= 8 ? 6 : day.calMonth);
}

const YEAR_ROUND = ITEMS.map((it, i) => [it, i] as const).filter(([it]) => !it.months);
const wishCum = cumulative(YEAR_ROUND.map(([it]) => it.weight));

/**
 * What each account is saving for. The daily loop offers the mall a redemption once the balance reaches the wished
 * item's price, or in season the price of a seasonal gift (妇女节, 防暑降温, 中秋): one gift per account and season,
 * bought before the wish is reached. Dear wishes take long to reach, so some points expire first: the breakage a
 * real mall shows.
 */
export class Wishlist {
  /** Price of the wished item, in hundredths of a point. */
  readonly target: Float64Array;
  private readonly wish: Int32Array;
  /** The season (seasonOf) of the account's last seasonal gift. */
  readonly lastGift: Int32Array;
  /** Seasonal shelf by calendar month × 2 + (woman ? 1 : 0). */
  private readonly seasonal: ({ items: Item[]; cum: Float64Array } | undefined)[] = [];

  constructor(
    accounts: number,
    private readonly rng: Rng,
  ) {
    this.target = new Float64Array(accounts);
    this.wish = new Int32Array(accounts);
    this.lastGift = new Int32Array(accounts);
    for (let a = 0; a < accounts; a++) this.renew(a);
  }

  renew(a: number) {
    const i = YEAR_ROUND[this.rng.weighted(wishCum)][1];
    this.wish[a] = i;
    this.target[a] = ITEMS[i].points * 100;
  }

  /** The item redeemed now with this balance (hundredths), or null when nothing fits. */
  choose(a: number, day: { date: string; calMonth: number }, woman: boolean, balance: number): Item | null {
    const season = seasonOf(day);
    const shelf = this.shelf(day.calMonth, woman);
    if (shelf.items.length && this.lastGift[a] !== season && (balance < this.target[a] || this.rng.chance(0.3))) {
      const gift = shelf.items[this.rng.weighted(shelf.cum)];
      if (gift.points * 100 <= balance) {
        this.lastGift[a] = season;
        return gift;
      }
    }
    const wished = ITEMS[this.wish[a]];
    return wished.points * 100 <= balance ? wished : null;
  }

  private shelf(calMonth: number, woman: boolean) {
    const key = calMonth * 2 + (woman ? 1 : 0);
    let s = this.seasonal[key];
    if (!s) {
      const items = ITEMS.filter((it) => it.months?.includes(calMonth) && (!it.women || woman));
      s = this.seasonal[key] = { items, cum: cumulative(items.map((it) => it.weight)) };
    }
    return s;
  }
}
