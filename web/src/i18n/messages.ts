// The dashboard's one message catalogue, in two files: English (the reference) and Simplified Chinese.
export { en, type MessageKey } from './en.ts';
export { zhCN } from './zh-cn.ts';
