import { useMutation } from '@apollo/client/react';
import { Alert, Button, Group, List, Modal, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconArchive, IconRosetteDiscountCheck } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCodeOf } from '../../app/errors';
import { formatDate, formatInstantDate, formatVnd } from '../../app/format';
import { useErrorMessage } from '../../app/ui/use-error-message';
import { CloseSchemeDocument, type SchemeDetailFragment } from '../../gql/graphql';
import { ApproveSchemeDialog } from './ApproveSchemeDialog';
import { SchemeStatusBadge } from './SchemeStatusBadge';
import { useSchemeProblems } from './scheme-messages';

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={2}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="div" data-testid={testId}>
        {children}
      </Text>
    </Stack>
  );
}

export function SchemeOverview({ scheme, onReload }: { scheme: SchemeDetailFragment; onReload: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const schemeProblems = useSchemeProblems();
  const [approveOpened, { open: openApprove, close: closeApprove }] = useDisclosure(false);
  const [closeOpened, { open: openClose, close: closeClose }] = useDisclosure(false);
  const [closeScheme, { loading: closing }] = useMutation(CloseSchemeDocument);
  const notProvided = t('schemes.overview.notProvided');

  async function confirmClose() {
    closeClose();
    try {
      await closeScheme({ variables: { id: scheme.id, version: scheme.version } });
      notifications.show({ color: 'teal', message: t('schemes.overview.closed') });
    } catch (error) {
      const conflict = errorCodeOf(error) === 'CONFLICT';
      if (conflict) void onReload().catch(() => undefined);
      const problems = schemeProblems(error);
      notifications.show({
        color: 'red',
        title: t('common.saveFailed'),
        message: conflict ? t('schemes.conflict') : (problems[0]?.message ?? errorMessage(error)),
      });
    }
  }

  const decision = scheme.decisionNumber
    ? [t('schemes.overview.decisionText', { number: scheme.decisionNumber }), scheme.decisionDate ? t('schemes.overview.decisionOn', { date: formatDate(scheme.decisionDate) }) : null, scheme.decisionBody]
        .filter(Boolean)
        .join(', ')
    : (scheme.decisionBody ?? t('schemes.overview.noDecision'));

  return (
    <Stack gap="lg">
      <Paper withBorder p="md" radius="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
          <Fact label={t('schemes.overview.status')}>
            <SchemeStatusBadge status={scheme.status} />
          </Fact>
          <Fact label={t('schemes.overview.decision')} testId="scheme-decision">
            {decision}
          </Fact>
          <Fact label={t('schemes.overview.managingAgency')} testId="scheme-managing-agency">
            {scheme.managingAgency ?? notProvided}
          </Fact>
          <Fact label={t('schemes.overview.nationalPhase')}>
            {scheme.nationalPhase ? `${scheme.nationalPhase.decisionNumber} – ${scheme.nationalPhase.title}` : notProvided}
          </Fact>
          {scheme.approvedAt && <Fact label={t('schemes.overview.approvedAt')}>{formatInstantDate(scheme.approvedAt)}</Fact>}
        </SimpleGrid>
      </Paper>
      <Paper withBorder p="md" radius="md">
        <Text size="sm" c="dimmed">
          {t('schemes.overview.totalBudget')}
        </Text>
        <Text fz={28} fw={700} data-testid="scheme-total">
          {formatVnd(scheme.totalBudget)}
        </Text>
        <Text fs="italic" data-testid="scheme-total-in-words">
          {t('schemes.overview.inWords', { words: scheme.totalBudgetInWords })}
        </Text>
        {!scheme.budgetCheck.balanced && (
          <Alert mt="sm" color="orange" variant="light" icon={<IconAlertTriangle />}>
            {t('schemes.overview.budgetNotBalanced')}
          </Alert>
        )}
      </Paper>
      {scheme.summary && (
        <Stack gap={4}>
          <Title order={2} fz="lg">
            {t('schemes.overview.summary')}
          </Title>
          <Text style={{ whiteSpace: 'pre-line' }}>{scheme.summary}</Text>
        </Stack>
      )}
      {scheme.revisions.length > 0 && (
        <Stack gap={4}>
          <Title order={2} fz="lg">
            {t('schemes.overview.revisions')}
          </Title>
          <List spacing={4}>
            {scheme.revisions.map((revision) => (
              <List.Item key={revision.number}>
                {t('schemes.overview.revision', {
                  number: revision.number,
                  date: formatInstantDate(revision.revisedAt),
                  who: revision.revisedByName ?? t('history.unknownActor'),
                  reason: revision.reason,
                })}
              </List.Item>
            ))}
          </List>
        </Stack>
      )}
      <Group>
        {scheme.status === 'DRAFT' && (
          <Button leftSection={<IconRosetteDiscountCheck size={20} />} onClick={openApprove} data-testid="scheme-approve-open">
            {t('schemes.overview.approve')}
          </Button>
        )}
        {scheme.status === 'APPROVED' && (
          <Button variant="default" leftSection={<IconArchive size={20} />} onClick={openClose} loading={closing} data-testid="scheme-close-open">
            {t('schemes.overview.close')}
          </Button>
        )}
      </Group>
      {approveOpened && <ApproveSchemeDialog scheme={scheme} onClose={closeApprove} onReload={onReload} />}
      <Modal opened={closeOpened} onClose={closeClose} title={t('schemes.overview.closeTitle')} closeButtonProps={{ 'aria-label': t('common.close') }} centered>
        <Text mb="lg">{t('schemes.overview.closeBody')}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={closeClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => void confirmClose()} data-testid="scheme-close-confirm">
            {t('schemes.overview.close')}
          </Button>
        </Group>
      </Modal>
    </Stack>
  );
}
