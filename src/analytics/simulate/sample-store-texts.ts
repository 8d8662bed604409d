// Chinese texts of the sample store's service records, as a service desk or call centre would log
// them. "{p}" stands for a product name.

export interface ComplaintType {
  subject: string;
  bodies: readonly string[];
  /** Only complaints about a product that can be refunded lead to a return. */
  refundable: boolean;
}

export const COMPLAINTS: Readonly<Record<string, ComplaintType>> = {
  quality: {
    subject: '商品质量', refundable: true, bodies: [
      '{p}买回家发现已经变质，要求退款。', '{p}包装破损，里面的东西漏出来了。',
      '{p}离保质期只剩两天，希望门店加强检查。', '{p}口感和以前不一样，怀疑不是正品。',
    ],
  },
  delivery: {
    subject: '配送延迟', refundable: false, bodies: [
      '下单后超过三个小时才送到，{p}已经不新鲜了。', '配送员没打电话就把货放在门口，{p}不见了。', '约好上午送货，结果下午才到。',
    ],
  },
  missing: { subject: '少发漏发', refundable: true, bodies: ['收到的订单里少了{p}。', '{p}发错了规格，下单的是大包装。'] },
  attitude: {
    subject: '服务态度', refundable: false, bodies: [
      '收银员态度很差，问问题不理人。', '导购推销太强硬，让人不舒服。', '排队结账等了二十多分钟，只开了两个收银台。',
    ],
  },
  price: { subject: '价格争议', refundable: false, bodies: ['货架标价和结账价格不一致，{p}多收了钱。', '促销折扣在结账时没有生效，{p}按原价收了。'] },
  points: { subject: '积分问题', refundable: false, bodies: ['上次购物的积分没有到账。', '积分兑换的礼品一直没有收到。'] },
};

/** Complaint types by how the order was placed, with their relative frequencies. */
export const COMPLAINT_MIX: Readonly<Record<'store' | 'remote', readonly (readonly [string, number])[]>> = {
  store: [['quality', 45], ['attitude', 25], ['price', 20], ['points', 10]],
  remote: [['quality', 40], ['delivery', 35], ['missing', 15], ['points', 10]],
};

export const RESOLUTIONS = ['【处理】已全额退款并致歉。', '【处理】已补发商品，赠送优惠券一张。', '【处理】已向门店通报并致电道歉。', '【处理】已补录积分。'];

export const SURVEY_COMMENTS: Readonly<Record<'promoter' | 'passive' | 'detractor', readonly string[]>> = {
  promoter: ['商品新鲜，服务热情，已经推荐给朋友了。', '会员价很实惠，每周都来买。', '配送很快，包装也仔细，给个好评。', '瑞士卷太好吃了，朋友都让我帮忙带。'],
  passive: ['整体不错，就是周末人太多。', '东西挺好，希望多一些促销活动。', '还可以，停车有点不方便。', '品种齐全，价格一般。'],
  detractor: ['价格比别的超市贵，性价比一般。', '生鲜质量不稳定，经常买到不新鲜的。', 'App 经常闪退，下单很麻烦。', '上次投诉的问题处理得很慢。'],
};

export const CALLS = {
  birthday: { subject: '生日祝福', body: '致电祝贺会员生日快乐，生日礼券已发放到会员账户。' },
  revisit: {
    subject: '定期回访', bodies: [
      '回访近期购物体验，客户表示满意，希望增加进口水果品种。', '回访客户，询问对新上架商品的意见，客户建议增加有机蔬菜。',
      '回访客户，客户反映周末停车难，已记录。', '回访客户，确认中秋节团购月饼的需求。',
    ],
  },
  replenish: { subject: '补货提醒', body: '提醒客户家里的{p}快用完了，可以下单送货上门。' },
  winBack: {
    subject: '流失挽回',
    back: '客户很久没来购物，致电了解原因并赠送满100减20优惠券，客户表示这周会来看看。',
    lost: ['客户表示已经搬家，离门店太远。', '客户表示现在在别的平台买，暂时不需要。', '电话无人接听，已发短信并附优惠券。'],
  },
  followUp: { subject: '投诉回访', bodies: ['回访投诉处理结果，客户表示满意。', '回访投诉处理结果，客户表示基本满意。', '回访投诉处理结果，客户仍不满意。'] },
  inquiry: { subject: '咨询', bodies: ['客户来电询问营业时间和停车信息。', '客户询问{p}什么时候到货。', '客户咨询会员积分怎么兑换。'] },
};

export const VISITS = {
  desk: [
    { subject: '积分兑换', body: '客户到服务台用积分兑换了一袋大米。' },
    { subject: '修改会员资料', body: '客户到服务台更新了手机号码和收货地址。' },
    { subject: '退换货咨询', body: '客户到服务台咨询{p}的退换货流程。' },
  ],
  key: { subject: '大客户拜访', body: '客户经理上门拜访，介绍节日团购方案和储值卡优惠。' },
};
