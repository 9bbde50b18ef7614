import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface SchemeProvinceNoteProps {
  /** The province the scheme was made for. */
  province: { id: string; name: string };
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
      {t('schemes.ofMergedProvince', { province: province.name, successor: tenant.name })}
    </Text>
  );
}
