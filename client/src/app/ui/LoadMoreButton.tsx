import { Button } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

interface LoadMoreButtonProps {
  onLoadMore: () => Promise<unknown>;
  testId?: string;
}

export function LoadMoreButton({ onLoadMore, testId }: LoadMoreButtonProps) {
  const { t } = useTranslation();
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);

  async function loadMore() {
    setLoading(true);
    setFailed(false);
    try {
      await onLoadMore();
    } catch {
      setFailed(true);
    } finally {
      setLoading(false);
    }
  }

  return (
    <Button variant="subtle" loading={loading} onClick={loadMore} color={failed ? 'red' : undefined} data-testid={testId}>
      {failed ? t('common.loadMoreFailed') : t('common.loadMore')}
    </Button>
  );
}
