import { type Cipher, maskName, maskPhone } from '../core/pii/index.js';
import type { ComplaintRow } from './complaint.repo.js';
import type { Complainant, Complaint, ComplaintAttributes } from './complaint.schema.js';
import { presentRecordCore } from './record.presenter.js';

/**
 * The complainant of a complaint: decrypted, then masked (`张*`, `138****5678`) unless `reveal` is true. Only a caller
 * allowed to read personal data may pass `reveal: true`, and that read must be audited; everything else masks.
 */
export function presentComplainant(
  row: Pick<ComplaintRow, 'complainant_name_enc' | 'complainant_phone_enc'>,
  cipher: Cipher,
  options: { reveal: boolean },
): Complainant {
  const name = row.complainant_name_enc === null ? null : cipher.decrypt(row.complainant_name_enc);
  const phone = row.complainant_phone_enc === null ? null : cipher.decrypt(row.complainant_phone_enc);
  if (options.reveal) {
    return { name, phone, masked: false };
  }
  return {
    name: name === null ? null : maskName(name),
    phone: phone === null ? null : maskPhone(phone),
    masked: true,
  };
}

/** A complaint as it leaves the server, its complainant masked unless `reveal` (see presentComplainant). */
export function presentComplaint(row: ComplaintRow, cipher: Cipher, now = Date.now(), reveal = false): Complaint {
  return {
    ...presentRecordCore(row, now),
    ...(reveal ? { title: row.title, content: row.content, address: row.address } : {}),
    channel: row.channel,
    status: row.status,
    complainant: presentComplainant(row, cipher, { reveal }),
    resolved: row.resolved === null ? null : row.resolved === 1,
    satisfaction: row.satisfaction,
    reopenCount: row.reopen_count,
    lat: row.lat,
    lng: row.lng,
    mediaUrl: row.media_url,
    attributes: row.attributes === null ? null : (JSON.parse(row.attributes) as ComplaintAttributes),
  };
}
