import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Group, NativeSelect, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorCodeOf } from '../../app/errors';
import { formatDate } from '../../app/format';
import { parseDisplayDate } from '../../app/local-date';
import { useErrorMessage } from '../../app/ui/use-error-message';
import { SaveSurveyDocument, SchemesDocument, SurveysDocument, type SurveyListItemFragment } from '../../gql/graphql';
import { formProblemsOf, problemsByField, useSchemeProblems } from '../schemes/scheme-messages';
import { submitShowingFirstError } from '../../app/ui/focus-first-error';

interface SurveyValues {
  title: string;
  purpose: string;
  conductedBy: string;
  startedOn: string;
  endedOn: string;
  schemeId: string;
}

const formFields = new Set(['title', 'purpose', 'conductedBy', 'startedOn', 'endedOn', 'schemeId']);

interface SurveyFormProps {
  survey?: SurveyListItemFragment;
  onSaved: (id: string) => void;
  onCancel: () => void;
}

export function SurveyForm({ survey, onSaved, onCancel }: SurveyFormProps) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const schemeProblems = useSchemeProblems();
  const schemes = useQuery(SchemesDocument, { variables: { first: 100 } });
  const [save, { loading }] = useMutation(SaveSurveyDocument, { refetchQueries: [SurveysDocument] });
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<SurveyValues>({
    initialValues: {
      title: survey?.title ?? '',
      purpose: survey?.purpose ?? '',
      conductedBy: survey?.conductedBy ?? '',
      startedOn: formatDate(survey?.startedOn),
      endedOn: formatDate(survey?.endedOn),
      schemeId: survey?.scheme?.id ?? '',
    },
    validate: {
      title: (value) => (value.trim() ? null : t('common.required')),
      startedOn: (value) => (!value.trim() ? t('common.required') : parseDisplayDate(value) ? null : t('schemes.form.dateInvalid')),
      endedOn: (value) => (parseDisplayDate(value) === undefined ? t('schemes.form.dateInvalid') : null),
    },
  });

  async function submit(values: SurveyValues) {
    setFormError(null);
    try {
      const { data } = await save({
        variables: {
          input: {
            id: survey?.id ?? null,
            version: survey?.version ?? null,
            title: values.title.trim().normalize('NFC'),
            purpose: values.purpose.trim().normalize('NFC') || null,
            conductedBy: values.conductedBy.trim().normalize('NFC') || null,
            startedOn: parseDisplayDate(values.startedOn) ?? '',
            endedOn: parseDisplayDate(values.endedOn) ?? null,
            schemeId: values.schemeId || null,
          },
        },
      });
      if (!data) return;
      notifications.show({ color: 'teal', message: t('surveys.form.saved') });
      onSaved(data.saveSurvey.id);
    } catch (error) {
      if (errorCodeOf(error) === 'CONFLICT') {
        setFormError(t('schemes.conflict'));
        return;
      }
      const { fieldErrors, formError } = formProblemsOf(problemsByField(schemeProblems(error)), formFields, () => errorMessage(error));
      form.setErrors(fieldErrors);
      if (formError) setFormError(formError);
    }
  }

  return (
    <form onSubmit={submitShowingFirstError(form, submit)} noValidate>
      <Stack gap="md">
        {formError && (
          <Alert color="red" title={t('common.saveFailed')} role="alert" data-testid="survey-form-error">
            {formError}
          </Alert>
        )}
        <TextInput label={t('surveys.form.title')} required data-testid="survey-title" {...form.getInputProps('title')} />
        <Textarea label={t('surveys.form.purpose')} autosize minRows={2} {...form.getInputProps('purpose')} />
        <TextInput label={t('surveys.form.conductedBy')} {...form.getInputProps('conductedBy')} />
        <SimpleGrid cols={2}>
          <TextInput
            label={t('surveys.form.startedOn')}
            placeholder={t('schemes.form.datePlaceholder')}
            required
            inputMode="numeric"
            data-testid="survey-started-on"
            {...form.getInputProps('startedOn')}
          />
          <TextInput label={t('surveys.form.endedOn')} placeholder={t('schemes.form.datePlaceholder')} inputMode="numeric" {...form.getInputProps('endedOn')} />
        </SimpleGrid>
        <NativeSelect
          label={t('surveys.form.scheme')}
          data={[
            { value: '', label: t('surveys.form.noScheme') },
            ...(schemes.data?.schemes.edges ?? []).map(({ node }) => ({ value: node.id, label: `${node.title} (${node.firstYear}–${node.lastYear})` })),
          ]}
          {...form.getInputProps('schemeId')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={loading} data-testid="survey-submit">
            {t('surveys.form.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
