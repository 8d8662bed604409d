// What the sample store sells and how people shop it: 60 products of a Chinese supermarket with
// prices and costs (fen, integer, so totals add up exactly), the shopping "missions" that give baskets
// their co-purchase structure, and the staples that households re-buy on a personal cycle.

/** A product; `price` and `cost` in fen (1/100 yuan). */
export interface Product {
  id: string;
  name: string;
  nameEn: string;
  category: string;
  price: number;
  cost: number;
}

export const CATEGORY_ZH: Readonly<Record<string, string>> = {
  rice: '大米', grain: '面粉面条', oil: '食用油', seasoning: '调味品', dairy: '乳品', bakery: '烘焙',
  eggs: '蛋品', meat: '肉禽水产', vegetables: '蔬菜', fruit: '水果', snacks: '零食', drinks: '饮料',
  alcohol: '酒类', tea: '茶叶', frozen: '速冻食品', household: '日用百货', 'personal-care': '个人护理',
  baby: '母婴', gifts: '节令礼盒',
};

// id, Chinese name, English name, category, price and cost in yuan. Costs give gross margins of
// 10–45 %, typical of a supermarket: thin on rice, oil and liquor, thick on bakery and fresh produce.
const ROWS: readonly (readonly [string, string, string, string, number, number])[] = [
  ['P001', '五常大米 5kg', 'Wuchang rice 5 kg', 'rice', 69.9, 52],
  ['P002', '泰国香米 5kg', 'Thai jasmine rice 5 kg', 'rice', 59.9, 44],
  ['P003', '东北珍珠米 10kg', 'Northeast pearl rice 10 kg', 'rice', 89, 68],
  ['P004', '金龙鱼高筋面粉 2.5kg', 'Arawana bread flour 2.5 kg', 'grain', 22.9, 16],
  ['P005', '陈克明挂面 1kg', 'Chenkeming dried noodles 1 kg', 'grain', 9.9, 6.5],
  ['P006', '鲁花花生油 5L', 'Luhua peanut oil 5 L', 'oil', 159, 126],
  ['P007', '金龙鱼调和油 5L', 'Arawana blended oil 5 L', 'oil', 69.9, 55],
  ['P008', '欧丽薇兰橄榄油 1L', 'Olivoila olive oil 1 L', 'oil', 89, 60],
  ['P009', '海天生抽 1.28L', 'Haitian light soy sauce 1.28 L', 'seasoning', 16.9, 11],
  ['P010', '恒顺镇江香醋 500ml', 'Hengshun Zhenjiang vinegar 500 ml', 'seasoning', 9.9, 6],
  ['P011', '老干妈风味豆豉', 'Lao Gan Ma chili sauce', 'seasoning', 12.5, 8.5],
  ['P012', '中盐加碘精制盐 400g', 'China Salt iodised salt 400 g', 'seasoning', 3.5, 2],
  ['P013', '蒙牛纯牛奶 250ml×12', 'Mengniu whole milk 250 ml x12', 'dairy', 45, 36],
  ['P014', '伊利安慕希酸奶 205g×10', 'Yili Ambrosial yogurt 205 g x10', 'dairy', 59, 45],
  ['P015', '光明鲜牛奶 950ml', 'Bright fresh milk 950 ml', 'dairy', 16.8, 12],
  ['P016', '妙可蓝多奶酪棒', 'Milkground cheese sticks', 'dairy', 39.9, 26],
  ['P017', '全麦吐司', 'Whole-wheat toast bread', 'bakery', 12.9, 7],
  ['P018', '黄油牛角包 4个', 'Butter croissants x4', 'bakery', 19.9, 11],
  ['P019', '网红瑞士卷', 'Viral Swiss roll', 'bakery', 59.9, 35],
  ['P020', '土鸡蛋 30枚', 'Free-range eggs x30', 'eggs', 36.9, 27],
  ['P021', '黑猪五花肉 500g', 'Black pork belly 500 g', 'meat', 29.9, 22],
  ['P022', '鸡胸肉 1kg', 'Chicken breast 1 kg', 'meat', 32.9, 24],
  ['P023', '冷冻虾仁 500g', 'Frozen peeled shrimp 500 g', 'meat', 69, 48],
  ['P024', '西红柿 500g', 'Tomatoes 500 g', 'vegetables', 6.9, 4],
  ['P025', '黄瓜 500g', 'Cucumbers 500 g', 'vegetables', 4.9, 2.8],
  ['P026', '大白菜 1颗', 'Napa cabbage, one head', 'vegetables', 5.9, 3],
  ['P027', '土豆 1kg', 'Potatoes 1 kg', 'vegetables', 7.9, 4.5],
  ['P028', '阳光玫瑰葡萄 1kg', 'Shine Muscat grapes 1 kg', 'fruit', 49.9, 32],
  ['P029', '红富士苹果 2kg', 'Fuji apples 2 kg', 'fruit', 29.9, 20],
  ['P030', '香蕉 1kg', 'Bananas 1 kg', 'fruit', 9.9, 6],
  ['P031', '赣南脐橙 2.5kg', 'Gannan navel oranges 2.5 kg', 'fruit', 39.9, 26],
  ['P032', '智利车厘子 1kg', 'Chilean cherries 1 kg', 'fruit', 119, 85],
  ['P033', '三只松鼠坚果礼盒', 'Three Squirrels nut gift box', 'snacks', 99, 68],
  ['P034', '乐事薯片 135g', "Lay's potato chips 135 g", 'snacks', 8.9, 5.5],
  ['P035', '卫龙辣条', 'Weilong spicy gluten strips', 'snacks', 6.5, 3.8],
  ['P036', '奥利奥饼干', 'Oreo cookies', 'snacks', 11.9, 8],
  ['P037', '德芙巧克力', 'Dove chocolate', 'snacks', 24.9, 16],
  ['P038', '旺旺雪饼', 'Want Want rice crackers', 'snacks', 15.9, 10],
  ['P039', '五香花生米', 'Five-spice roasted peanuts', 'snacks', 12.9, 8],
  ['P040', '青岛啤酒 500ml×12', 'Tsingtao beer 500 ml x12', 'alcohol', 59, 44],
  ['P041', '雪花啤酒 500ml×12', 'Snow beer 500 ml x12', 'alcohol', 45, 33],
  ['P042', '农夫山泉 550ml×24', 'Nongfu Spring water 550 ml x24', 'drinks', 36, 26],
  ['P043', '可口可乐 330ml×12', 'Coca-Cola 330 ml x12', 'drinks', 32, 23],
  ['P044', '元气森林气泡水 ×12', 'Genki Forest sparkling water x12', 'drinks', 59, 40],
  ['P045', '飞天茅台 53% 500ml', 'Kweichow Moutai Feitian 53% 500 ml', 'alcohol', 2499, 2180],
  ['P046', '西湖龙井 250g', 'West Lake Longjing tea 250 g', 'tea', 168, 105],
  ['P047', '立顿红茶 100包', 'Lipton black tea x100 bags', 'tea', 39.9, 26],
  ['P048', '思念水饺 1kg', 'Synear dumplings 1 kg', 'frozen', 29.9, 20],
  ['P049', '思念汤圆 500g', 'Synear glutinous rice balls 500 g', 'frozen', 15.9, 10],
  ['P050', '五芳斋粽子礼盒', 'Wufangzhai zongzi gift box', 'gifts', 89, 58],
  ['P051', '维达抽纸 24包', 'Vinda facial tissue x24', 'household', 49.9, 35],
  ['P052', '蓝月亮洗衣液 3kg', 'Blue Moon laundry detergent 3 kg', 'household', 45.9, 30],
  ['P053', '立白洗洁精 1kg', 'Liby dish soap 1 kg', 'household', 12.9, 7.5],
  ['P054', '加厚垃圾袋 100只', 'Heavy-duty bin bags x100', 'household', 9.9, 5],
  ['P055', '高露洁牙膏', 'Colgate toothpaste', 'personal-care', 15.9, 9.5],
  ['P056', '海飞丝洗发水 400ml', 'Head & Shoulders shampoo 400 ml', 'personal-care', 59.9, 38],
  ['P057', '帮宝适纸尿裤 L码', 'Pampers diapers size L', 'baby', 129, 95],
  ['P058', '飞鹤奶粉 3段 800g', 'Feihe infant formula stage 3 800 g', 'baby', 268, 195],
  ['P059', '婴儿湿巾 80抽', 'Baby wipes x80', 'baby', 19.9, 12],
  ['P060', '五芳斋月饼礼盒', 'Wufangzhai mooncake gift box', 'gifts', 168, 110],
];

export const PRODUCTS: readonly Product[] = ROWS.map(([id, name, nameEn, category, price, cost]) => ({
  id, name, nameEn, category, price: Math.round(price * 100), cost: Math.round(cost * 100),
}));

/** Index in PRODUCTS of a product id ("P019" → 18). */
export const productIndex = (id: string): number => Number(id.slice(1)) - 1;

/** The viral product of spring 2026 (all four hot-product conditions) and the much-viewed Moutai. */
export const HOT_SWISS_ROLL = productIndex('P019');
export const MOUTAI = productIndex('P045');
/** The Swiss roll appears in stores on 2026-03-15 (day 622) and then sells out weekly. */
export const SWISS_ROLL_LAUNCH = 622;

/** A choice among similar products (brands, sizes); a shopper keeps to one with some loyalty. */
export type Choice = readonly string[];

/** A reason for a trip (breakfast, stocking up rice, a party): an anchor and likely companions. */
export interface Mission {
  name: string;
  anchor: Choice;
  companions: readonly (readonly [Choice, number])[];
}

// The companion probabilities are what association rules find: bread → milk (0.7), rice → oil
// (0.6), beer → snacks (0.7), dumplings → vinegar, diapers → wipes; strong but not certain, and
// diluted in the data by the same products bought on other missions (rice as a due staple, milk alone).
export const MISSIONS: readonly Mission[] = [
  { name: 'breakfast', anchor: ['P017', 'P018'], companions: [[['P013', 'P015'], 0.7], [['P020'], 0.25], [['P014'], 0.15]] },
  { name: 'dairy', anchor: ['P013', 'P015', 'P014', 'P016'], companions: [[['P014', 'P016'], 0.2]] },
  { name: 'staples', anchor: ['P001', 'P002', 'P003'], companions: [[['P006', 'P007', 'P008'], 0.6], [['P009', 'P010'], 0.3], [['P012'], 0.1]] },
  { name: 'noodles', anchor: ['P004', 'P005'], companions: [[['P020'], 0.3], [['P011'], 0.25]] },
  { name: 'party', anchor: ['P040', 'P041'], companions: [[['P034', 'P039'], 0.7], [['P035', 'P038'], 0.3], [['P043'], 0.15]] },
  { name: 'cooking', anchor: ['P021', 'P022', 'P023'], companions: [[['P024', 'P025', 'P026', 'P027'], 0.8], [['P024', 'P025', 'P026', 'P027'], 0.4], [['P009', 'P010', 'P011', 'P012'], 0.3]] },
  { name: 'vegetables', anchor: ['P024', 'P025', 'P026', 'P027'], companions: [[['P024', 'P025', 'P026', 'P027'], 0.5]] },
  { name: 'fruit', anchor: ['P028', 'P029', 'P030', 'P031', 'P032'], companions: [[['P029', 'P030'], 0.3]] },
  { name: 'snacks', anchor: ['P034', 'P035', 'P036', 'P037', 'P038'], companions: [[['P034', 'P035', 'P036', 'P037', 'P038'], 0.35], [['P043', 'P044'], 0.25]] },
  { name: 'drinks', anchor: ['P042', 'P043', 'P044'], companions: [[['P034'], 0.15]] },
  { name: 'household', anchor: ['P051', 'P052', 'P053', 'P054'], companions: [[['P051', 'P052', 'P053', 'P054'], 0.4]] },
  { name: 'personal-care', anchor: ['P055', 'P056'], companions: [[['P053'], 0.1]] },
  { name: 'baby', anchor: ['P057'], companions: [[['P059'], 0.6], [['P058'], 0.35]] },
  { name: 'tea', anchor: ['P046', 'P047'], companions: [[['P033'], 0.2]] },
  { name: 'frozen', anchor: ['P048', 'P049'], companions: [[['P010'], 0.4]] },
];

export const missionIndex = (name: string): number => MISSIONS.findIndex((m) => m.name === name);

/**
 * Fruit by month (1–12): cherries arrive from Chile for the Spring Festival, Shine Muscat grapes in
 * late summer, Gannan oranges in winter; apples and bananas all year.
 */
export function fruitWeight(id: string, month: number): number {
  switch (id) {
    case 'P028': return month >= 7 && month <= 10 ? 3 : 0.3;
    case 'P031': return month >= 11 || month <= 2 ? 2.5 : 0.2;
    case 'P032': return month === 12 || month <= 2 ? 2 : 0.05;
    default: return 1.5;
  }
}

/** Festival goods bought in a season's run-up (see SEASONS), beside the usual missions. */
export const SEASON_GOODS: Readonly<Record<string, Choice>> = {
  'mid-autumn': ['P060'],
  'spring-festival': ['P033', 'P037', 'P032'],
  lantern: ['P049'],
  'dragon-boat': ['P050'],
};

/**
 * Staples a household re-buys when it runs out (the rice seller's story): the product choices and
 * the range of a household's personal interval in days.
 */
export interface Staple {
  name: string;
  choice: Choice;
  days: readonly [number, number];
}

export const STAPLES: readonly Staple[] = [
  { name: 'rice', choice: ['P001', 'P002', 'P003'], days: [24, 45] },
  { name: 'oil', choice: ['P006', 'P007'], days: [40, 75] },
  { name: 'milk', choice: ['P013'], days: [10, 20] },
  { name: 'diapers', choice: ['P057'], days: [12, 24] },
  { name: 'tissue', choice: ['P051'], days: [45, 90] },
  { name: 'detergent', choice: ['P052'], days: [50, 100] },
];

/** Stores: two in Shanghai, one in Suzhou, and the online shop (which ships nationwide). */
export const STORES = ['徐汇店', '浦东店', '苏州园区店'] as const;
export const ONLINE_STORE = '线上商城';
