/** Request ids: `DEL-YYYY-NNNN`, a sequence per calendar year (allocated by the repository inside its insert transaction). */
const REQUEST_ID = /^DEL-(\d{4})-(\d{4,})$/;

export function formatRequestId(year: number, sequence: number): string {
  return `DEL-${year}-${String(sequence).padStart(4, '0')}`;
}

export function isRequestId(text: string): boolean {
  return REQUEST_ID.test(text);
}
