import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../app/format';

interface SchemeProvinceNoteProps {
  /** The province the scheme was made for. */
  province: { id: string; name: string; validTo?: string | null };
  /** The workspace that holds it now. */
  tenant: { id: string; name: string };
  size?: 'xs' | 'sm' | 'md';
}

/**
 * Whose scheme it is, when it was made for a province since merged into this one ("Đề án của tỉnh
 * Kiên Giang (đã sáp nhập vào An Giang)"); nothing for the province's own schemes.
 */
export function SchemeProvinceNote({ province, tenant, size = 'sm' }: SchemeProvinceNoteProps) {
  const { t } = useTranslation();
  if (province.id === tenant.id) return null;
  return (
    // A span: the note also sits inside a page header's paragraph.
    <Text component="span" display="block" size={size} c="dimmed" data-testid="scheme-province">
      {province.name === tenant.name && province.validTo
        ? // The old An Giang in the new An Giang: the day tells them apart.
          t('schemes.ofFormerProvince', { province: province.name, date: formatDate(province.validTo) })
        : t('schemes.ofMergedProvince', { province: province.name, successor: tenant.name })}
    </Text>
  );
}
