import { cellText, field, toCsv } from './csv';

describe('CSV cells', () => {
  it.each([
    [null, ''],
    [undefined, ''],
    [12.5, '12.5'],
    [false, 'false'],
    ['plain', 'plain'],
    [{ amount: '1250.00', currency: 'CNY' }, '1250.00 CNY'],
    [
      [
        { amount: '1.00', currency: 'CNY' },
        { amount: '2.00', currency: 'USD' },
      ],
      '1.00 CNY; 2.00 USD',
    ],
    [{ currency: 'CNY', value: null }, ''],
    [{ currency: 'CNY', value: '88.10' }, '88.10 CNY'],
    [{ nested: 1 }, '{"nested":1}'],
    ['=SUM(A1)', "'=SUM(A1)"],
    ['@cmd', "'@cmd"],
    ['+86 139', "'+86 139"],
    ['-12.50', '-12.50'],
  ])('%j reads %j', (value, text) => {
    expect(cellText(value)).toBe(text);
  });
});

describe('CSV text', () => {
  it('quotes cells holding commas, quotes or line ends, and ends every line with CRLF', () => {
    const rows = [
      { a: 'x,y', b: { c: 'say "hi"' } },
      { a: 'two\nlines', b: {} },
    ];
    expect(toCsv([field('a'), field('b.c')], rows)).toBe('a,b.c\r\n"x,y","say ""hi"""\r\n"two\nlines",\r\n');
  });

  it('is a header row alone when there are no rows', () => {
    expect(toCsv([field('a')], [])).toBe('a\r\n');
  });
});
