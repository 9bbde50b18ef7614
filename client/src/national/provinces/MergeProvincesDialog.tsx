import { useMutation } from '@apollo/client/react';
import { Alert, Button, Group, List, Modal, MultiSelect, Radio, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../app/format';
import { parseDisplayDate } from '../../app/local-date';
import { useErrorMessage } from '../../app/ui/use-error-message';
import { MergeProvincesDocument, TenantsDocument, type PredecessorAdmins, type ProvinceListItemFragment } from '../../gql/graphql';
import { useMergeProblems, type MergeProblem } from './merge-messages';
import { slugOf } from './province-slug';
import { focusFirstInvalidField } from '../../app/ui/focus-first-error';

interface MergeValues {
  provinceIds: string[];
  into: 'NEW' | 'EXISTING';
  successorId: string | null;
  code: string;
  name: string;
  slug: string;
  effectiveOn: string;
  reason: string;
  predecessorAdmins: PredecessorAdmins;
}

type MergeField = keyof MergeValues;

const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

interface MergeProvincesDialogProps {
  /** Every province workspace, as the list shows them. */
  tenants: ProvinceListItemFragment[];
  onClose: () => void;
}

/**
 * The national administrator's merger of two or more provinces, into a new province or one of them:
 * the form, then a plain statement of what will happen, then the mutation. A refusal sends the
 * administrator back to the form with the server's problems next to the fields, nothing typed lost.
 */
export function MergeProvincesDialog({ tenants, onClose }: MergeProvincesDialogProps) {
  const { t, i18n } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const errorMessage = useErrorMessage();
  const mergeProblems = useMergeProblems();
  const [merge, { loading }] = useMutation(MergeProvincesDocument, { refetchQueries: [TenantsDocument], awaitRefetchQueries: true });
  const [step, setStep] = useState<'edit' | 'confirm'>('edit');
  const [formError, setFormError] = useState<string | null>(null);
  // The slug follows the name until the administrator writes one.
  const [slugWritten, setSlugWritten] = useState(false);
  const inUse = tenants.filter((tenant) => tenant.status !== 'RETIRED').sort((left, right) => left.name.localeCompare(right.name, 'vi'));
  const byId = new Map(tenants.map((tenant) => [tenant.id, tenant]));

  const form = useForm<MergeValues>({
    initialValues: {
      provinceIds: [],
      into: 'NEW',
      successorId: null,
      code: '',
      name: '',
      slug: '',
      effectiveOn: '',
      reason: '',
      predecessorAdmins: 'MOVE',
    },
    validate: {
      provinceIds: (value) => (value.length < 2 ? t('provinces.merge.tooFew') : null),
      successorId: (value, values) => (values.into === 'EXISTING' && (!value || !values.provinceIds.includes(value)) ? t('provinces.merge.existingRequired') : null),
      code: (value, values) => (values.into === 'NEW' && !/^\d{2}$/.test(value.trim()) ? t('provinces.merge.codeInvalid') : null),
      name: (value, values) => (values.into === 'NEW' && (!value.trim() || value.trim().length > 200) ? t('provinces.merge.nameInvalid') : null),
      slug: (value, values) => (values.into === 'NEW' && !SLUG_PATTERN.test(value.trim()) ? t('provinces.merge.slugInvalid') : null),
      effectiveOn: (value) => {
        const day = parseDisplayDate(value);
        return day === undefined ? t('provinces.merge.dateInvalid') : day === null ? t('common.required') : null;
      },
      reason: (value) => (value.trim() ? null : t('provinces.merge.reasonRequired')),
    },
  });
  const values = form.values;

  const predecessorIds = values.into === 'EXISTING' ? values.provinceIds.filter((id) => id !== values.successorId) : values.provinceIds;
  const existing = values.successorId ? byId.get(values.successorId) : undefined;
  const successor = values.into === 'EXISTING' ? { name: existing?.name ?? '', code: existing?.code ?? '' } : { name: values.name.trim(), code: values.code.trim() };
  const effectiveOn = parseDisplayDate(values.effectiveOn) ?? '';

  /** "tỉnh Kiên Giang và tỉnh An Giang": the provinces merged away, as a sentence names them. */
  function provincesText(ids: string[]): string {
    const names = ids.map((id) => t('provinces.merge.province', { name: byId.get(id)?.name ?? '' }));
    return new Intl.ListFormat(i18n.resolvedLanguage === 'en' ? 'en' : 'vi', { style: 'long', type: 'conjunction' }).format(names);
  }

  function lastDayBefore(localDate: string): string {
    const date = new Date(`${localDate}T00:00:00Z`);
    date.setUTCDate(date.getUTCDate() - 1);
    return date.toISOString().slice(0, 10);
  }

  function chooseProvinces(ids: string[]) {
    form.setFieldValue('provinceIds', ids);
    if (values.successorId && !ids.includes(values.successorId)) form.setFieldValue('successorId', null);
  }

  function nameChanged(name: string) {
    form.setFieldValue('name', name);
    if (!slugWritten) form.setFieldValue('slug', slugOf(name));
  }

  /** The server's problems placed next to the fields they name; the rest above the form. */
  function showProblems(problems: MergeProblem[], sent: string[]) {
    const errors: Partial<Record<MergeField, string>> = {};
    const others: string[] = [];
    const add = (field: MergeField, message: string) => {
      errors[field] = errors[field] ? `${errors[field]} ${message}` : message;
    };
    for (const problem of problems) {
      const indexed = /^predecessorIds\[(\d+)\]$/.exec(problem.field);
      if (indexed) {
        const name = byId.get(sent[Number(indexed[1])])?.name;
        add('provinceIds', name && !problem.message.includes(name) ? `${name}: ${problem.message}` : problem.message);
      } else if (problem.field === 'predecessorIds') add('provinceIds', problem.message);
      else if (problem.field === 'successorId') add(values.into === 'EXISTING' ? 'successorId' : 'provinceIds', problem.message);
      else if (problem.field.startsWith('successor.')) {
        const field = problem.field.slice('successor.'.length);
        if (field === 'code' || field === 'name' || field === 'slug') add(field, problem.message);
        else others.push(problem.message);
      } else if (problem.field === 'effectiveOn' || problem.field === 'reason' || problem.field === 'predecessorAdmins') add(problem.field, problem.message);
      else others.push(problem.message);
    }
    form.setErrors(errors);
    setFormError(others.length ? others.join(' ') : null);
  }

  async function confirm() {
    const sent = predecessorIds;
    setFormError(null);
    try {
      await merge({
        variables: {
          input: {
            predecessorIds: sent,
            successorId: values.into === 'EXISTING' ? values.successorId : null,
            successor:
              values.into === 'NEW'
                ? { code: values.code.trim(), name: values.name.trim().normalize('NFC'), slug: values.slug.trim() }
                : null,
            effectiveOn,
            reason: values.reason.trim().normalize('NFC'),
            predecessorAdmins: values.predecessorAdmins,
          },
        },
      });
      notifications.show({
        color: 'teal',
        message: t('provinces.merge.done', { provinces: provincesText(sent), name: successor.name, date: formatDate(effectiveOn) }),
      });
      onClose();
    } catch (error) {
      const problems = mergeProblems(error);
      showProblems(problems, sent);
      if (problems.length === 0) setFormError(errorMessage(error));
      setStep('edit');
    }
  }

  const summary =
    step === 'confirm' ? (
      <Stack gap="md" data-testid="merge-summary">
        <Alert color="orange" variant="light" icon={<IconAlertTriangle />}>
          <List spacing="xs" size="sm">
            <List.Item>
              {values.into === 'NEW'
                ? t('provinces.merge.summaryNew', {
                    date: formatDate(effectiveOn),
                    provinces: provincesText(predecessorIds),
                    name: successor.name,
                    code: successor.code,
                    slug: values.slug.trim(),
                  })
                : t('provinces.merge.summaryExisting', {
                    date: formatDate(effectiveOn),
                    provinces: provincesText(predecessorIds),
                    name: successor.name,
                    code: successor.code,
                  })}
            </List.Item>
            <List.Item>{t('provinces.merge.summaryRetire', { provinces: provincesText(predecessorIds), date: formatDate(lastDayBefore(effectiveOn)) })}</List.Item>
            <List.Item>{t('provinces.merge.summaryCarry', { provinces: provincesText(predecessorIds), name: successor.name })}</List.Item>
            <List.Item>
              {values.predecessorAdmins === 'MOVE'
                ? t('provinces.merge.summaryAdminsMove', { provinces: provincesText(predecessorIds), name: successor.name })
                : t('provinces.merge.summaryAdminsDisable', { provinces: provincesText(predecessorIds) })}
            </List.Item>
            <List.Item style={{ whiteSpace: 'pre-line' }}>{t('provinces.merge.summaryReason', { reason: values.reason.trim() })}</List.Item>
          </List>
        </Alert>
        <Text fw={600}>{t('provinces.merge.irreversible')}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setStep('edit')} disabled={loading} data-testid="merge-back">
            {t('provinces.merge.back')}
          </Button>
          <Button color="red" onClick={() => void confirm()} loading={loading} data-testid="merge-confirm">
            {t('provinces.merge.confirm')}
          </Button>
        </Group>
      </Stack>
    ) : null;

  const existingChoices = values.provinceIds
    .map((id) => byId.get(id))
    .filter((tenant): tenant is ProvinceListItemFragment => tenant?.status === 'ACTIVE')
    .map((tenant) => ({ value: tenant.id, label: t('provinces.merge.provinceOption', { name: tenant.name, code: tenant.code }) }));

  return (
    <Modal
      opened
      onClose={onClose}
      title={step === 'confirm' ? t('provinces.merge.confirmTitle') : t('provinces.merge.title')}
      fullScreen={isPhone}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {summary}
      {/* The form stays mounted behind the confirmation, so going back finds everything as typed. */}
      <form
        noValidate
        hidden={step !== 'edit'}
        onSubmit={form.onSubmit(() => {
          setFormError(null);
          setStep('confirm');
        }, focusFirstInvalidField)}
      >
        <Stack gap="md" data-testid="merge-form">
          <Text size="sm">{t('provinces.merge.intro')}</Text>
          {formError && (
            <Alert color="red" icon={<IconAlertCircle />} title={t('provinces.merge.failed')} role="alert" data-testid="merge-error">
              {formError}
            </Alert>
          )}
          <MultiSelect
            size="md"
            label={t('provinces.merge.provinces')}
            description={t('provinces.merge.provincesHint')}
            placeholder={values.provinceIds.length ? undefined : t('provinces.merge.provincesPlaceholder')}
            nothingFoundMessage={t('provinces.merge.provincesNothing')}
            required
            searchable
            data={inUse.map((tenant) => ({ value: tenant.id, label: t('provinces.merge.provinceOption', { name: tenant.name, code: tenant.code }) }))}
            {...form.getInputProps('provinceIds')}
            onChange={chooseProvinces}
            comboboxProps={{ withinPortal: true }}
            data-testid="merge-provinces"
          />
          <Radio.Group label={t('provinces.merge.into')} required {...form.getInputProps('into')}>
            <Stack gap="xs" mt="xs">
              <Radio value="NEW" label={t('provinces.merge.intoNew')} description={t('provinces.merge.intoNewHint')} data-testid="merge-into-new" />
              <Radio value="EXISTING" label={t('provinces.merge.intoExisting')} description={t('provinces.merge.intoExistingHint')} data-testid="merge-into-existing" />
            </Stack>
          </Radio.Group>
          {values.into === 'EXISTING' ? (
            <Select
              size="md"
              label={t('provinces.merge.existing')}
              description={t('provinces.merge.existingHint')}
              placeholder={t('provinces.merge.existingPlaceholder')}
              required
              data={existingChoices}
              {...form.getInputProps('successorId')}
              comboboxProps={{ withinPortal: true }}
              data-testid="merge-existing"
            />
          ) : (
            <Stack gap="md">
              <TextInput
                size="md"
                label={t('provinces.merge.name')}
                description={t('provinces.merge.nameHint')}
                required
                {...form.getInputProps('name')}
                onChange={(event) => nameChanged(event.currentTarget.value)}
                data-testid="merge-name"
              />
              {/* The hints under the inputs, so that the two inputs line up whatever the hints' length. */}
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
                <TextInput
                  size="md"
                  label={t('provinces.merge.code')}
                  description={t('provinces.merge.codeHint')}
                  inputWrapperOrder={['label', 'input', 'description', 'error']}
                  required
                  inputMode="numeric"
                  maxLength={2}
                  {...form.getInputProps('code')}
                  data-testid="merge-code"
                />
                <TextInput
                  size="md"
                  label={t('provinces.merge.slug')}
                  description={t('provinces.merge.slugHint')}
                  inputWrapperOrder={['label', 'input', 'description', 'error']}
                  required
                  autoCapitalize="none"
                  spellCheck={false}
                  {...form.getInputProps('slug')}
                  onChange={(event) => {
                    setSlugWritten(true);
                    form.setFieldValue('slug', event.currentTarget.value);
                  }}
                  data-testid="merge-slug"
                />
              </SimpleGrid>
            </Stack>
          )}
          <TextInput
            size="md"
            label={t('provinces.merge.effectiveOn')}
            description={t('provinces.merge.effectiveOnHint')}
            placeholder={t('provinces.merge.datePlaceholder')}
            required
            inputMode="numeric"
            maw={320}
            {...form.getInputProps('effectiveOn')}
            data-testid="merge-effective-on"
          />
          <Textarea
            size="md"
            label={t('provinces.merge.reason')}
            description={t('provinces.merge.reasonHint')}
            required
            autosize
            minRows={2}
            {...form.getInputProps('reason')}
            data-testid="merge-reason"
          />
          <Radio.Group label={t('provinces.merge.admins')} required {...form.getInputProps('predecessorAdmins')}>
            <Stack gap="xs" mt="xs">
              <Radio value="MOVE" label={t('provinces.merge.adminsMove')} data-testid="merge-admins-MOVE" />
              <Radio value="DISABLE" label={t('provinces.merge.adminsDisable')} data-testid="merge-admins-DISABLE" />
            </Stack>
          </Radio.Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" data-testid="merge-review">
              {t('provinces.merge.review')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
