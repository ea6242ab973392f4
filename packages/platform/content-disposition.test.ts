import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { contentDisposition } from './content-disposition.ts';

describe('the downloads\' Content-Disposition', () => {
  it('keeps an ASCII name as it is, twice', () => {
    assert.equal(contentDisposition('bao-cao-ket-qua-tthc-2026-05.pdf'), `attachment; filename="bao-cao-ket-qua-tthc-2026-05.pdf"; filename*=UTF-8''bao-cao-ket-qua-tthc-2026-05.pdf`);
  });

  it('gives a Vietnamese name an ASCII fallback and the UTF-8 original percent-encoded (RFC 5987)', () => {
    assert.equal(
      contentDisposition('Báo cáo "đúng hạn" (quý 2).xlsx'),
      `attachment; filename="Bao cao _dung han_ (quy 2).xlsx"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20%22%C4%91%C3%BAng%20h%E1%BA%A1n%22%20%28qu%C3%BD%202%29.xlsx`,
    );
  });

  it('says inline when the file is to be shown, not saved', () => {
    assert.equal(contentDisposition('giấy-tiếp-nhận.pdf', 'inline'), `inline; filename="giay-tiep-nhan.pdf"; filename*=UTF-8''gi%E1%BA%A5y-ti%E1%BA%BFp-nh%E1%BA%ADn.pdf`);
  });
});
