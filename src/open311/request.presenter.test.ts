import { describe, expect, it } from 'vitest';
import { maskPersonalText, presentServiceRequest, w3Datetime } from './request.presenter.js';
import type { ServiceRequestRow } from './request.repo.js';

const row: ServiceRequestRow = {
  id: 7,
  status: 'cancelled',
  category_code: 'a.b',
  category_name: '乙',
  department_name: '劳动保障所',
  content: '请回电 138 1234 5678 或 0579-85123456，身份证 33078219900101123X',
  address: null,
  place_code: '330782100201',
  place_name: '苏华村',
  place_lat: 29.4,
  place_lng: 120.1,
  town_name: '苏溪镇',
  lat: null,
  lng: null,
  media_url: null,
  opened_at: Date.parse('2025-06-01T16:30:00Z'),
  updated_at: Date.parse('2025-06-05T00:00:00Z'),
  closed_at: Date.parse('2025-06-03T02:00:00Z'),
  deadline_at: Date.parse('2025-06-06T16:00:00Z'),
};

describe('an Open311 request', () => {
  it('writes w3 date-times in the town offset, without fractions', () => {
    expect(w3Datetime(Date.parse('2025-06-01T16:30:00.999Z'))).toBe('2025-06-02T00:30:00+08:00');
  });

  it('masks phone and ID numbers in free text', () => {
    expect(maskPersonalText(row.content)).toBe('请回电 138****5678 或 0579-****3456，身份证 3307**********123X');
    expect(maskPersonalText('编号 202506010001 号')).toBe('编号 202506010001 号');
  });

  it('maps a cancelled complaint to closed, at its closing time, at its place', () => {
    expect(presentServiceRequest(row)).toEqual({
      service_request_id: '7',
      status: 'closed',
      status_notes: '已撤销',
      service_name: '乙',
      service_code: 'a.b',
      description: '请回电 138****5678 或 0579-****3456，身份证 3307**********123X',
      agency_responsible: '劳动保障所',
      service_notice: null,
      requested_datetime: '2025-06-02T00:30:00+08:00',
      updated_datetime: '2025-06-03T10:00:00+08:00',
      expected_datetime: '2025-06-07T00:00:00+08:00',
      address: '苏华村，苏溪镇',
      address_id: '330782100201',
      zipcode: null,
      lat: 29.4,
      long: 120.1,
      media_url: null,
    });
    expect(presentServiceRequest({ ...row, status: 'in_progress', lat: 1, lng: 2 })).toMatchObject({
      status: 'open',
      updated_datetime: '2025-06-05T08:00:00+08:00',
      lat: 1,
      long: 2,
    });
  });
});
