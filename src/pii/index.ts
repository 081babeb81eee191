export { countStaleComplaints, type ReencryptResult, reencryptPersonalData } from './reencrypt.service.js';
