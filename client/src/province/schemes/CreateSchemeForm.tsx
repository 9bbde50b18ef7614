import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Group, NativeSelect, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseDisplayDate } from '../../app/local-date';
import { useErrorMessage } from '../../app/ui/use-error-message';
import { CreateSchemeDocument, NationalPhasesDocument, SchemesDocument } from '../../gql/graphql';
import { formProblemsOf, problemsByField, useSchemeProblems } from './scheme-messages';
import { submitShowingFirstError } from '../../app/ui/focus-first-error';

interface CreateSchemeValues {
  title: string;
  firstYear: string;
  lastYear: string;
  nationalPhaseId: string;
  decisionNumber: string;
  decisionDate: string;
  decisionBody: string;
  managingAgency: string;
  summary: string;
}

const formFields = new Set<string>(['title', 'firstYear', 'lastYear', 'nationalPhaseId', 'decisionNumber', 'decisionDate', 'decisionBody', 'managingAgency', 'summary']);

const isYear = (value: string) => /^\d{4}$/.test(value.trim());
const optional = (value: string) => value.trim().normalize('NFC') || null;

export function CreateSchemeForm({ onCreated, onCancel }: { onCreated: (id: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const schemeProblems = useSchemeProblems();
  const phases = useQuery(NationalPhasesDocument);
  const [mutate, { loading }] = useMutation(CreateSchemeDocument, { refetchQueries: [SchemesDocument] });
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<CreateSchemeValues>({
    initialValues: {
      title: '',
      firstYear: '',
      lastYear: '',
      nationalPhaseId: '',
      decisionNumber: '',
      decisionDate: '',
      decisionBody: '',
      managingAgency: '',
      summary: '',
    },
    validate: {
      title: (value) => (value.trim() ? null : t('common.required')),
      firstYear: (value) => (isYear(value) ? null : t('schemes.form.yearInvalid')),
      lastYear: (value, values) =>
        !isYear(value) ? t('schemes.form.yearInvalid') : Number(value) < Number(values.firstYear) ? t('schemes.messages.beforeFirstYear') : null,
      decisionDate: (value) => (parseDisplayDate(value) === undefined ? t('schemes.form.dateInvalid') : null),
    },
  });

  function choosePhase(phaseId: string) {
    form.setFieldValue('nationalPhaseId', phaseId);
    const phase = phases.data?.nationalPhases.find((candidate) => candidate.id === phaseId);
    if (phase && !form.values.firstYear && !form.values.lastYear) {
      form.setFieldValue('firstYear', String(Math.max(phase.firstYear, new Date().getFullYear())));
      form.setFieldValue('lastYear', String(phase.lastYear));
    }
  }

  async function submit(values: CreateSchemeValues) {
    setFormError(null);
    try {
      const { data } = await mutate({
        variables: {
          input: {
            title: values.title.trim().normalize('NFC'),
            firstYear: Number(values.firstYear),
            lastYear: Number(values.lastYear),
            nationalPhaseId: values.nationalPhaseId || null,
            decisionNumber: optional(values.decisionNumber),
            decisionDate: parseDisplayDate(values.decisionDate) ?? null,
            decisionBody: optional(values.decisionBody),
            managingAgency: optional(values.managingAgency),
            summary: optional(values.summary),
          },
        },
      });
      if (!data) return;
      notifications.show({ color: 'teal', message: t('schemes.form.created', { title: data.createScheme.title }) });
      onCreated(data.createScheme.id);
    } catch (error) {
      const { fieldErrors, formError } = formProblemsOf(problemsByField(schemeProblems(error)), formFields, () => errorMessage(error));
      form.setErrors(fieldErrors);
      if (formError) setFormError(formError);
    }
  }

  return (
    <form onSubmit={submitShowingFirstError(form, submit)} noValidate>
      <Stack gap="md">
        {formError && (
          <Alert color="red" icon={<IconAlertCircle />} title={t('common.saveFailed')} role="alert" data-testid="scheme-create-error">
            {formError}
          </Alert>
        )}
        <Textarea
          label={t('schemes.form.title')}
          description={t('schemes.form.titleHint')}
          required
          autosize
          minRows={2}
          data-testid="scheme-create-title"
          {...form.getInputProps('title')}
        />
        <NativeSelect
          label={t('schemes.form.nationalPhase')}
          data={[
            { value: '', label: t('schemes.form.noPhase') },
            ...(phases.data?.nationalPhases ?? []).map((phase) => ({
              value: phase.id,
              label: `${phase.decisionNumber} (${phase.firstYear}–${phase.lastYear})`,
            })),
          ]}
          value={form.values.nationalPhaseId}
          onChange={(event) => choosePhase(event.currentTarget.value)}
          error={form.errors.nationalPhaseId}
          data-testid="scheme-create-phase"
        />
        <SimpleGrid cols={2}>
          <TextInput
            label={t('schemes.form.firstYear')}
            required
            inputMode="numeric"
            maxLength={4}
            data-testid="scheme-create-first-year"
            {...form.getInputProps('firstYear')}
          />
          <TextInput
            label={t('schemes.form.lastYear')}
            required
            inputMode="numeric"
            maxLength={4}
            data-testid="scheme-create-last-year"
            {...form.getInputProps('lastYear')}
          />
        </SimpleGrid>
        <TextInput
          label={t('schemes.form.managingAgency')}
          description={t('schemes.form.managingAgencyHint')}
          data-testid="scheme-create-managing-agency"
          {...form.getInputProps('managingAgency')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} style={{ alignItems: 'end' }}>
          <TextInput
            label={t('schemes.form.decisionNumber')}
            description={t('schemes.form.decisionNumberHint')}
            data-testid="scheme-create-decision-number"
            {...form.getInputProps('decisionNumber')}
          />
          <TextInput
            label={t('schemes.form.decisionDate')}
            placeholder={t('schemes.form.datePlaceholder')}
            inputMode="numeric"
            data-testid="scheme-create-decision-date"
            {...form.getInputProps('decisionDate')}
          />
        </SimpleGrid>
        <TextInput
          label={t('schemes.form.decisionBody')}
          description={t('schemes.form.decisionBodyHint')}
          data-testid="scheme-create-decision-body"
          {...form.getInputProps('decisionBody')}
        />
        <Textarea label={t('schemes.form.summary')} autosize minRows={3} {...form.getInputProps('summary')} />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={loading} data-testid="scheme-create-submit">
            {t('schemes.form.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
