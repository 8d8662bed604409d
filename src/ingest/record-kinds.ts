// The record kinds besides sales (customers, products, product events, interactions): their fields,
// how each is recognised in a header (English and Chinese, compared like sales columns: case, blanks
// and _-./ ignored), what type it is parsed as and which are required. One table per kind, so the
// reader, the reject reasons, the help text and the mapping file all follow from it.
import { IngestError } from './ingest-error.ts';
import { normalizeName, type ChoiceSource } from './sales-columns.ts';

export const RECORD_KINDS = ['customers', 'products', 'events', 'interactions'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/**
 * text: trimmed, '' = missing; date / timestamp: the sales import's layouts (or --date-format);
 * number: a finite decimal, a currency sign and thousands separators removed (counted as fixed);
 * event / interaction: a closed vocabulary, English or Chinese words mapped to the stored value.
 */
export type FieldType = 'text' | 'date' | 'timestamp' | 'number' | 'event' | 'interaction';

export interface FieldSpec {
  readonly role: string;
  readonly type: FieldType;
  readonly required?: boolean;
  /** Normalised header names, earlier ones win. */
  readonly names: readonly string[];
  readonly help: string;
}

const f = (role: string, type: FieldType, names: readonly string[], help: string, required = false): FieldSpec => ({ role, type, names, help, required });

const CUSTOMER_CODE = ['customerid', 'customercode', 'customer', 'custid', 'customerno', 'memberid', 'memberno', 'membernumber', 'member', 'cardno', 'membercardno', 'clientid', 'userid',
  '会员编号', '会员号', '会员id', '会员卡号', '卡号', '客户编号', '客户id', '客户号', '顾客编号', '顾客id', '用户id', '用户编号'];
const PRODUCT_CODE = ['productid', 'productcode', 'productno', 'stockcode', 'sku', 'skuid', 'itemid', 'itemcode', 'itemno', 'articleid',
  '商品编号', '商品id', '商品编码', '商品代码', '货号', '产品编号', '产品id', 'sku编码'];

export const KIND_FIELDS: Readonly<Record<RecordKind, readonly FieldSpec[]>> = {
  customers: [
    f('customer', 'text', CUSTOMER_CODE, 'member number (customer_id, 会员编号 …)', true),
    f('name', 'text', ['name', 'fullname', 'customername', 'membername', '姓名', '名字', '客户名称', '会员姓名', '顾客姓名'], 'name (name, 姓名)'),
    f('phone', 'text', ['phone', 'mobile', 'mobilephone', 'phonenumber', 'cellphone', 'tel', 'telephone', '手机', '手机号', '手机号码', '电话', '联系电话', '电话号码'], 'phone (phone, mobile, 手机)'),
    f('email', 'text', ['email', 'emailaddress', 'mail', '邮箱', '电子邮箱', '电子邮件', '邮件'], 'e-mail (email, 邮箱)'),
    f('gender', 'text', ['gender', 'sex', '性别'], 'gender (gender, 性别)'),
    f('birthday', 'date', ['birthday', 'birthdate', 'dateofbirth', 'dob', '生日', '出生日期', '出生年月日'], 'birthday (birthday, 生日)'),
    f('city', 'text', ['city', 'town', '城市', '所在城市', '市'], 'city (city, 城市)'),
    f('joinDate', 'date', ['joindate', 'joined', 'joinedat', 'registerdate', 'registrationdate', 'signupdate', 'memberssince', 'membersince', 'createdat', '入会日期', '注册日期', '入会时间', '注册时间', '开卡日期'], 'join date (join_date, 入会日期)'),
    f('tier', 'text', ['tier', 'level', 'memberlevel', 'membertier', 'grade', 'viplevel', '等级', '会员等级', '会员级别', '级别'], 'member tier (tier, 等级)'),
    f('tags', 'text', ['tags', 'tag', 'labels', '标签', '客户标签'], 'tags, separated by ; , | or 、 (tags, 标签)'),
    f('originChannel', 'text', ['originchannel', 'channel', 'source', 'signupchannel', 'acquisitionchannel', '来源', '来源渠道', '渠道', '入会渠道'], 'channel of origin (origin_channel, 来源渠道)'),
    f('updatedAt', 'timestamp', ['updatedat', 'updated', 'lastupdated', 'lastmodified', 'modifiedat', '更新时间', '最后更新', '修改时间', '更新日期'], 'last change of the record in the source system (updated_at, 更新时间)'),
  ],
  products: [
    f('product', 'text', PRODUCT_CODE, 'product id (product_id, 商品编号 …)', true),
    f('name', 'text', ['name', 'productname', 'itemname', 'title', 'description', '名称', '商品名称', '商品名', '品名', '产品名称'], 'name (name, 名称, 商品名称)'),
    f('category', 'text', ['category', 'productcategory', 'categoryname', 'class', '类别', '类目', '商品类别', '品类', '分类', '商品分类'], 'category (category, 类别)'),
    f('price', 'number', ['price', 'unitprice', 'listprice', 'saleprice', 'retailprice', '价格', '售价', '单价', '零售价', '销售价'], 'selling price (price, 价格)'),
    f('cost', 'number', ['cost', 'unitcost', 'costprice', 'purchaseprice', '成本', '成本价', '进价', '采购价'], 'unit cost (cost, 成本)'),
  ],
  events: [
    f('customer', 'text', CUSTOMER_CODE, 'member number of a logged-in shopper (customer_id, 会员编号)'),
    f('visitor', 'text', ['visitorid', 'visitor', 'cookieid', 'sessionid', 'deviceid', 'anonymousid', '访客id', '访客编号', '游客id', '设备id'], 'anonymous visitor id (visitor_id, 访客id)'),
    f('product', 'text', PRODUCT_CODE, 'product id (product_id, 商品编号)', true),
    f('event', 'event', ['event', 'eventtype', 'action', 'behavior', 'behaviour', 'type', '事件', '事件类型', '行为', '行为类型', '操作'], 'event: view/favorite/cart or 浏览/收藏/加购 (event, 行为)', true),
    f('date', 'timestamp', ['occurredat', 'timestamp', 'time', 'datetime', 'eventtime', 'date', 'createdat', 'ts', '时间', '发生时间', '行为时间', '日期'], 'time of the event (occurred_at, 时间)', true),
  ],
  interactions: [
    f('customer', 'text', CUSTOMER_CODE, 'member number (customer_id, 会员编号); blank = anonymous'),
    f('kind', 'interaction', ['kind', 'type', 'interactiontype', 'category', 'contacttype', '类型', '接触类型', '服务类型', '记录类型'], 'call/visit/complaint/survey or 电话/拜访/投诉/调查 (kind, 类型)', true),
    f('date', 'timestamp', ['occurredat', 'date', 'time', 'datetime', 'timestamp', 'createdat', 'contactdate', '时间', '日期', '发生时间', '联系时间', '记录时间'], 'when it happened (occurred_at, 时间)', true),
    f('channel', 'text', ['channel', 'medium', '渠道', '方式', '联系方式'], 'channel (channel, 渠道)'),
    f('subject', 'text', ['subject', 'title', 'topic', '主题', '标题', '事由'], 'subject (subject, 主题)'),
    f('body', 'text', ['body', 'content', 'notes', 'note', 'text', 'comment', 'description', '内容', '备注', '详情', '记录内容', '描述'], 'text (body, 内容)'),
    f('score', 'number', ['score', 'npsscore', 'nps', 'rating', 'recommend', '评分', '得分', '推荐指数', '分数'], 'survey score, e.g. 0–10 (score, 评分)'),
    f('satisfaction', 'number', ['satisfaction', 'satisfactionscore', 'csat', '满意度'], 'satisfaction, e.g. 1–5 (satisfaction, 满意度)'),
    f('status', 'text', ['status', 'state', '状态', '处理状态'], 'status (status, 状态)'),
    f('resolvedAt', 'timestamp', ['resolvedat', 'resolved', 'closedat', 'resolutiondate', '解决时间', '处理时间', '结案时间'], 'when it was resolved (resolved_at, 解决时间)'),
    f('order', 'text', ['orderid', 'orderno', 'ordernumber', 'order', 'invoiceno', '订单号', '订单编号', '订单id'], 'the order it is about (order_id, 订单号)'),
  ],
};

/** Stored event values and the words (lowercased) read as each. */
export const EVENT_WORDS: Readonly<Record<string, readonly string[]>> = {
  view: ['view', 'views', 'viewed', 'pv', 'browse', 'click', 'pageview', '浏览', '查看', '点击'],
  favorite: ['favorite', 'favourite', 'fav', 'favorited', 'favourited', 'like', 'wishlist', 'collect', '收藏', '关注'],
  cart: ['cart', 'addtocart', 'add_to_cart', 'add-to-cart', 'add to cart', 'basket', '加购', '加入购物车', '购物车'],
};

export const INTERACTION_WORDS: Readonly<Record<string, readonly string[]>> = {
  call: ['call', 'phone', 'phonecall', 'phone call', 'telephone', '电话', '来电', '去电', '回访', '电话回访', '致电'],
  visit: ['visit', 'store visit', 'meeting', '拜访', '到店', '来访', '上门', '走访'],
  complaint: ['complaint', 'complain', '投诉', '客诉'],
  survey: ['survey', 'questionnaire', 'nps', 'feedback', '调查', '问卷', '满意度调查', '回访调查'],
};

export type RecordColumns = Record<string, string>;

export interface ResolvedRecordColumns {
  readonly columns: RecordColumns;
  readonly source: Record<string, ChoiceSource>;
}

/** 'a customers import', 'an events import'. */
export const anImport = (kind: RecordKind): string => `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind} import`;

export const kindRoles = (kind: RecordKind): string[] => KIND_FIELDS[kind].map((s) => s.role);

/**
 * Settles each field's column: flags, then the mapping file, then detection; throws 'bad-mapping' for
 * a named column the file lacks or a role the kind does not have, 'missing-columns' for a missing
 * required field.
 * @example resolveRecordColumns('customers', ['会员编号', '姓名', '手机'], {}, {}).columns // { customer: '会员编号', name: '姓名', phone: '手机' }
 */
export function resolveRecordColumns(kind: RecordKind, names: readonly string[], flags: RecordColumns, fromFile: RecordColumns, fileName = 'the file'): ResolvedRecordColumns {
  const specs = KIND_FIELDS[kind];
  const roles = specs.map((s) => s.role);
  for (const [role, how] of [...Object.keys(flags).map((r) => [r, '--map'] as const), ...Object.keys(fromFile).map((r) => [r, 'the mapping file'] as const)]) {
    if (!roles.includes(role)) throw new IngestError('bad-mapping', `${how} names a field "${role}" that ${anImport(kind)} does not have (fields: ${roles.join(', ')})`);
  }
  const columns: RecordColumns = {};
  const source: Record<string, ChoiceSource> = {};
  const used = new Set<string>();
  for (const s of specs) {
    const given = flags[s.role] ?? fromFile[s.role];
    if (given === undefined) continue;
    const found = names.includes(given) ? given : names.find((n) => n.toLowerCase() === given.trim().toLowerCase());
    if (found === undefined) {
      throw new IngestError('bad-mapping', `${flags[s.role] !== undefined ? '--map' : 'the mapping file'} names column "${given}" for ${s.role}, but ${fileName} has no such column (columns: ${names.join(', ')})`);
    }
    columns[s.role] = found;
    source[s.role] = flags[s.role] !== undefined ? 'flag' : 'mapping-file';
    used.add(found);
  }
  for (const s of specs) {
    if (columns[s.role] !== undefined) continue;
    const hit = s.names.map((c) => names.find((n) => !used.has(n) && normalizeName(n) === c)).find((n) => n !== undefined);
    if (hit === undefined) continue;
    columns[s.role] = hit;
    source[s.role] = 'detected';
    used.add(hit);
  }
  const missing = specs.filter((s) => s.required && columns[s.role] === undefined);
  if (missing.length > 0) {
    throw new IngestError('missing-columns', `${fileName} lacks columns ${anImport(kind)} needs: ${missing.map((s) => `${s.help}; --map ${s.role}=COLUMN`).join('; ')}. Its columns are: ${names.join(', ')}`);
  }
  return { columns, source };
}
