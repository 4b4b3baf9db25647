import { en } from './messages.en';
import { zhCN } from './messages.zh-CN';

const placeholders = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('the message catalogues', () => {
  it('have the same keys in English and Simplified Chinese', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(Object.keys(en) as (keyof typeof en)[])('%s has a text in both, with the same placeholders', (key) => {
    expect(en[key].trim()).not.toBe('');
    expect(zhCN[key]?.trim()).not.toBe('');
    expect(placeholders(zhCN[key] ?? '')).toEqual(placeholders(en[key]));
  });

  it('leaves no Chinese text in English', () => {
    expect(Object.values(en).filter((message) => /[\u4e00-\u9fff]/.test(message))).toEqual([]);
  });
});
