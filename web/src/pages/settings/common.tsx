import { Alert, App } from 'antd';
import { useCallback, useState } from 'react';
import { describeError } from '../../api/errors';
import type { RoleInfo } from '../../api/settings';
import { useSession } from '../../components/session';
import { useI18n } from '../../i18n/i18n';
import { holdsEverywhere, holdsOverTown } from './settings.model';

/**
 * Run a write: while it runs `busy` is true; success shows `done` (if given) and calls `after`; a failure says what
 * happened and what to do (api/errors.ts) and resolves false, so a form stays open to be corrected.
 */
export function useAction() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async <T,>(write: () => Promise<T>, done?: string, after?: (result: T) => void): Promise<boolean> => {
      setBusy(true);
      try {
        const result = await write();
        if (done) {
          void message.success(done);
        }
        after?.(result);
        return true;
      } catch (error) {
        void message.error(describeError(error, t));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [message, t],
  );
  return { busy, run };
}

/** Whether the signed-in user may write `permission` over the chosen town (or everywhere, for the taxonomy). */
export function useCanWrite(roles: readonly RoleInfo[], permission: string, everywhere = false): boolean {
  const { me, town, towns } = useSession();
  const grants = me.user?.grants ?? [];
  if (!me.permissions.includes(permission)) {
    return false;
  }
  if (me.kind === 'system') {
    return true;
  }
  return everywhere
    ? holdsEverywhere(grants, roles, permission)
    : holdsOverTown(
        grants,
        roles,
        permission,
        town?.code,
        towns.map((item) => item.code),
      );
}

/** The note shown above a tab the user may only read. */
export function ReadOnlyNote({ text }: { text?: string }) {
  const { t } = useI18n();
  return <Alert type="info" showIcon title={text ?? t('settings.readOnly')} data-testid="settings-read-only" />;
}
