import { useMutation, useQuery } from '@apollo/client/react';
import { ActionIcon, Alert, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconDeviceFloppy, IconPlus, IconRefresh, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCodeOf } from '../../../app/errors';
import { EmptyMessage } from '../../../app/ui/EmptyMessage';
import { GroupedDigitsInput } from '../../../app/ui/MoneyInput';
import { UnsavedChangesGuard } from '../../../app/ui/UnsavedChangesGuard';
import { useErrorMessage } from '../../../app/ui/use-error-message';
import { IndicatorsDocument, SaveSchemeTargetsDocument, type SchemeDetailFragment } from '../../../gql/graphql';
import { RevisionReasonModal } from '../RevisionReasonModal';
import { useSchemeProblems } from '../scheme-messages';

interface TargetDraft {
  key: string;
  indicatorId: string;
  value: string;
  note: string;
  milestones: Record<number, string>;
}

type TargetErrors = Record<string, Partial<Record<'indicatorId' | 'value' | 'note' | 'milestones', string>>>;

let lastKey = 0;
const newKey = () => `target-${(lastKey += 1)}`;

function draftsOf(scheme: SchemeDetailFragment): TargetDraft[] {
  return scheme.targets.map((target) => ({
    key: target.id,
    indicatorId: target.indicator.id,
    value: target.value,
    note: target.note ?? '',
    milestones: Object.fromEntries(target.milestones.map((milestone) => [milestone.year, milestone.value])),
  }));
}

/** People type "70,5" as often as "70.5"; the API's Decimal takes the dot. */
function decimalOf(text: string): string | null {
  const value = text.trim().replace(',', '.');
  return /^\d+(\.\d+)?$/.test(value) ? value : null;
}

export function TargetsEditor({ scheme, onReload }: { scheme: SchemeDetailFragment; onReload: () => Promise<unknown> }) {
  const { t, i18n } = useTranslation();
  const errorMessage = useErrorMessage();
  const schemeProblems = useSchemeProblems();
  const indicators = useQuery(IndicatorsDocument);
  const [targets, setTargets] = useState<TargetDraft[]>(() => draftsOf(scheme));
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<TargetErrors>({});
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [reasonOpened, { open: openReason, close: closeReason }] = useDisclosure(false);
  const [save, { loading }] = useMutation(SaveSchemeTargetsDocument);
  const readOnly = scheme.status === 'CLOSED';
  const years = Array.from({ length: scheme.lastYear - scheme.firstYear + 1 }, (_, index) => scheme.firstYear + index);
  const unitOf = (indicatorId: string) => indicators.data?.indicators.find((indicator) => indicator.id === indicatorId)?.unit;
  // Money targets are whole đồng, shown and typed grouped as in the budget (700.000.000), not as a bare number.
  const isMoney = (target: TargetDraft) => unitOf(target.indicatorId) === 'VND';
  const indicatorName = (indicator: { nameVi: string; nameEn: string }) => (i18n.resolvedLanguage === 'en' ? indicator.nameEn : indicator.nameVi);

  function change(key: string, changes: Partial<TargetDraft>) {
    setTargets((current) => current.map((target) => (target.key === key ? { ...target, ...changes } : target)));
    setErrors((current) => ({ ...current, [key]: {} }));
    setDirty(true);
  }

  function requestSave() {
    const found: TargetErrors = {};
    const seen = new Set<string>();
    for (const target of targets) {
      const problems: TargetErrors[string] = {};
      if (!target.indicatorId) problems.indicatorId = t('targets.pickIndicator');
      else if (seen.has(target.indicatorId)) problems.indicatorId = t('targets.duplicate');
      seen.add(target.indicatorId);
      if (decimalOf(target.value) === null) problems.value = t('targets.valueInvalid');
      if (Object.values(target.milestones).some((value) => value.trim() && decimalOf(value) === null)) problems.milestones = t('targets.valueInvalid');
      if (Object.keys(problems).length) found[target.key] = problems;
    }
    setErrors(found);
    setFormErrors([]);
    if (Object.keys(found).length) return;
    if (scheme.status === 'APPROVED') openReason();
    else void submit(null);
  }

  async function submit(reason: string | null) {
    const sent = targets;
    setReasonError(null);
    try {
      const { data } = await save({
        variables: {
          input: {
            schemeId: scheme.id,
            version: scheme.version,
            reason,
            targets: sent.map((target) => ({
              indicatorId: target.indicatorId,
              value: decimalOf(target.value) ?? '0',
              note: target.note.trim().normalize('NFC') || null,
              milestones: Object.entries(target.milestones)
                .filter(([, value]) => value.trim())
                .map(([year, value]) => ({ year: Number(year), value: decimalOf(value) ?? '0' })),
            })),
          },
        },
      });
      if (!data) return;
      closeReason();
      setTargets(draftsOf(data.saveSchemeTargets));
      setDirty(false);
      notifications.show({ color: 'teal', message: t('targets.saved') });
    } catch (error) {
      if (errorCodeOf(error) === 'CONFLICT') {
        closeReason();
        setConflict(true);
        return;
      }
      const problems = schemeProblems(error);
      const byTarget: TargetErrors = {};
      const others: string[] = [];
      for (const problem of problems) {
        const match = /^targets\[(\d+)\]\.(\w+)/.exec(problem.field);
        const target = match ? sent[Number(match[1])] : undefined;
        if (problem.field === 'reason') setReasonError(problem.message);
        else if (match && target) {
          const field = (['indicatorId', 'value', 'note'].includes(match[2]) ? match[2] : 'milestones') as keyof TargetErrors[string];
          byTarget[target.key] = { ...byTarget[target.key], [field]: problem.message };
        } else others.push(problem.message);
      }
      if (!problems.some((problem) => problem.field === 'reason')) closeReason();
      setErrors(byTarget);
      setFormErrors(problems.length ? others : [errorMessage(error)]);
    }
  }

  return (
    <Stack gap="md">
      <UnsavedChangesGuard when={dirty && !readOnly} />
      <Text c="dimmed">{t('targets.intro')}</Text>
      {conflict && (
        <Alert color="orange" icon={<IconAlertCircle />} role="alert" data-testid="targets-conflict">
          <Stack gap="sm" align="flex-start">
            <Text size="sm">{t('schemes.conflict')}</Text>
            <Button variant="white" color="orange" leftSection={<IconRefresh size={18} />} onClick={() => void onReload().then(() => setConflict(false), () => undefined)}>
              {t('schemes.reload')}
            </Button>
          </Stack>
        </Alert>
      )}
      {formErrors.length > 0 && (
        <Alert color="red" icon={<IconAlertCircle />} title={t('common.saveFailed')} role="alert" data-testid="targets-error">
          {formErrors.join(' ')}
        </Alert>
      )}
      {targets.length === 0 && <EmptyMessage>{t('targets.empty')}</EmptyMessage>}
      <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <Stack gap="md">
          {targets.map((target) => (
            <Paper key={target.key} withBorder p="md" radius="md" data-testid="target-row">
              <Stack gap="sm">
                <Group align="flex-end" wrap="nowrap">
                  <NativeSelect
                    label={t('targets.indicator')}
                    style={{ flex: 1 }}
                    data={[
                      { value: '', label: t('targets.pickIndicator') },
                      ...(indicators.data?.indicators ?? []).map((indicator) => ({
                        value: indicator.id,
                        label: `${indicatorName(indicator)} (${t(`targets.unit.${indicator.unit}`)})`,
                      })),
                    ]}
                    value={target.indicatorId}
                    error={errors[target.key]?.indicatorId}
                    onChange={(event) => change(target.key, { indicatorId: event.currentTarget.value })}
                    data-testid="target-indicator"
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    mb={4}
                    aria-label={t('targets.remove')}
                    title={t('targets.remove')}
                    onClick={() => {
                      setTargets((current) => current.filter((candidate) => candidate.key !== target.key));
                      setDirty(true);
                    }}
                  >
                    <IconTrash size={20} />
                  </ActionIcon>
                </Group>
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  {isMoney(target) ? (
                    <GroupedDigitsInput
                      label={t('targets.value')}
                      rightSection="₫"
                      value={target.value}
                      error={errors[target.key]?.value}
                      onChange={(digits) => change(target.key, { value: digits })}
                      data-testid="target-value"
                    />
                  ) : (
                    <TextInput
                      label={t('targets.value')}
                      inputMode="decimal"
                      value={target.value}
                      error={errors[target.key]?.value}
                      onChange={(event) => change(target.key, { value: event.currentTarget.value })}
                      data-testid="target-value"
                    />
                  )}
                  <Textarea
                    label={t('targets.note')}
                    autosize
                    minRows={1}
                    value={target.note}
                    error={errors[target.key]?.note}
                    onChange={(event) => change(target.key, { note: event.currentTarget.value })}
                  />
                </SimpleGrid>
                <Stack gap={4}>
                  <Text size="sm" fw={500}>
                    {t('targets.milestones')}
                  </Text>
                  <SimpleGrid cols={{ base: 2, xs: 3, sm: 5 }} spacing="xs">
                    {years.map((year) =>
                      isMoney(target) ? (
                        <GroupedDigitsInput
                          key={year}
                          label={year}
                          size="sm"
                          rightSection="₫"
                          value={target.milestones[year] ?? ''}
                          onChange={(digits) => change(target.key, { milestones: { ...target.milestones, [year]: digits } })}
                          data-testid="target-milestone"
                        />
                      ) : (
                        <TextInput
                          key={year}
                          label={year}
                          size="sm"
                          inputMode="decimal"
                          value={target.milestones[year] ?? ''}
                          onChange={(event) => change(target.key, { milestones: { ...target.milestones, [year]: event.currentTarget.value } })}
                          data-testid="target-milestone"
                        />
                      ),
                    )}
                  </SimpleGrid>
                  {errors[target.key]?.milestones && (
                    <Text size="sm" c="red">
                      {errors[target.key]?.milestones}
                    </Text>
                  )}
                </Stack>
              </Stack>
            </Paper>
          ))}
          <Group>
            <Button
              variant="light"
              leftSection={<IconPlus size={18} />}
              onClick={() => {
                setTargets((current) => [...current, { key: newKey(), indicatorId: '', value: '', note: '', milestones: {} }]);
                setDirty(true);
              }}
              data-testid="target-add"
            >
              {t('targets.add')}
            </Button>
          </Group>
        </Stack>
      </fieldset>
      {!readOnly && (
        <Group>
          <Button leftSection={<IconDeviceFloppy size={18} />} onClick={requestSave} loading={loading} disabled={!dirty} data-testid="targets-save">
            {t('targets.save')}
          </Button>
          {dirty && (
            <Text c="orange.8" size="sm">
              {t('schemes.unsaved')}
            </Text>
          )}
        </Group>
      )}
      <RevisionReasonModal
        opened={reasonOpened}
        loading={loading}
        serverError={reasonError}
        testIdPrefix="targets"
        onClose={closeReason}
        onSubmit={(reason) => void submit(reason)}
      />
    </Stack>
  );
}
