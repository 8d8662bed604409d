import { describe, expect, it } from 'vitest';
import { detectDelimiter, parseCsvHeader, splitCsvLine } from './csv-header.ts';

describe('parseCsvHeader', () => {
  it('reads the UCI Online Retail header (all names quoted) with a comma delimiter', () => {
    // The first line of onlineretail.csv.gz as R's write.csv wrote it (MANIFEST.tsv lists these columns).
    const head = '"InvoiceNo","StockCode","Description","Quantity","InvoiceDate","UnitPrice","CustomerID","Country"\n"536365","85123A"';
    expect(parseCsvHeader(head)).toEqual({
      delimiter: ',', names: ['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'],
    });
  });

  it('detects tab, semicolon and pipe, and ignores delimiters inside quotes', () => {
    expect(detectDelimiter('会员编号\t日期\t金额')).toBe('\t');
    expect(detectDelimiter('"a,b";c;d')).toBe(';');
    expect(detectDelimiter('a|b|c')).toBe('|');
    expect(detectDelimiter('only')).toBe(',');
  });

  it('splits RFC 4180 fields: doubled quotes, empty fields, CRLF header', () => {
    expect(splitCsvLine('"say ""hi""",,x', ',')).toEqual(['say "hi"', '', 'x']);
    expect(parseCsvHeader('a,b\r\n1,2').names).toEqual(['a', 'b']);
  });

  it('names empty columns by position and numbers repeats case-insensitively', () => {
    expect(parseCsvHeader('amount,,Amount, date \n').names).toEqual(['amount', 'column2', 'Amount_2', 'date']);
  });

  it('refuses a file whose first line is empty', () => {
    expect(() => parseCsvHeader('\n1,2', 'x.csv')).toThrow(/x\.csv has no header line/);
  });
});
