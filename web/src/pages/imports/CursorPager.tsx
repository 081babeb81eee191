import { Button, Space, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useI18n } from '../../i18n/i18n';
import { readTrail, writeTrail } from './imports.model';

/** The page's cursor, read from the address parameter `name` (the trail of cursors; see readTrail). */
export function useCursor(name: string): { cursor: number | undefined; page: number } {
  const [params] = useSearchParams();
  const trail = readTrail(params.get(name));
  return { cursor: trail.at(-1), page: trail.length + 1 };
}

/** 上一页 / 第 N 页 / 下一页 over a cursor-paged list, the trail kept in the address parameter `name`. */
export function CursorPager({ name, next, testId }: { name: string; next: number | null | undefined; testId: string }) {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const trail = readTrail(params.get(name));
  const go = (nextTrail: number[]) => {
    const updated = new URLSearchParams(params);
    const value = writeTrail(nextTrail);
    if (value === null) {
      updated.delete(name);
    } else {
      updated.set(name, value);
    }
    setParams(updated);
  };
  if (trail.length === 0 && (next === null || next === undefined)) {
    return null;
  }
  return (
    <Space data-testid={testId} style={{ marginTop: 12, justifyContent: 'flex-end', width: '100%' }}>
      <Button size="small" disabled={trail.length === 0} onClick={() => go(trail.slice(0, -1))}>
        {t('imports.prev')}
      </Button>
      <Typography.Text type="secondary">{t('imports.page', { page: trail.length + 1 })}</Typography.Text>
      <Button
        size="small"
        disabled={next === null || next === undefined}
        onClick={() => next !== null && next !== undefined && go([...trail, next])}
      >
        {t('imports.next')}
      </Button>
    </Space>
  );
}
