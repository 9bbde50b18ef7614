const VND_SYMBOL = '₫';

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

export function formatVnd(amount: number | bigint | string): string {
  const text = typeof amount === 'number' ? Math.trunc(amount).toString() : amount.toString().trim();
  if (!/^-?\d+$/.test(text)) return '';
  const negative = text.startsWith('-');
  const digits = (negative ? text.slice(1) : text).replace(/^0+(?=\d)/, '');
  return `${negative && digits !== '0' ? '-' : ''}${groupThousands(digits)} ${VND_SYMBOL}`;
}

function twoDigits(value: number): string {
  return value.toString().padStart(2, '0');
}

export function formatDate(localDate: string | null | undefined): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(localDate ?? '');
  if (!match) return '';
  const [, year, month, day] = match;
  return `${day}/${month}/${year}`;
}

export function formatInstantDate(isoDateTime: string | null | undefined): string {
  const date = new Date(isoDateTime ?? '');
  if (Number.isNaN(date.getTime())) return '';
  return `${twoDigits(date.getDate())}/${twoDigits(date.getMonth() + 1)}/${date.getFullYear()}`;
}

export function formatDateTime(isoDateTime: string | null | undefined): string {
  const date = new Date(isoDateTime ?? '');
  if (Number.isNaN(date.getTime())) return '';
  const day = `${twoDigits(date.getDate())}/${twoDigits(date.getMonth() + 1)}/${date.getFullYear()}`;
  return `${day} ${twoDigits(date.getHours())}:${twoDigits(date.getMinutes())}`;
}
