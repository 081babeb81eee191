import { Alert, Button } from 'antd';
import { describeError } from '../api/errors';
import { useI18n } from '../i18n/i18n';

/** A failed request: what happened and what to do, in the user's language, with a retry. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?(): void }) {
  const { t } = useI18n();
  return (
    <Alert
      data-testid="query-error"
      type="error"
      showIcon
      title={describeError(error, t)}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
