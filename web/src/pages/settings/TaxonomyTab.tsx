import type { ButtonProps } from 'antd';
import {
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Skeleton,
  Space,
  Table,
  Tag,
  Tree,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { type CategoryNode, fetchCategoryTree } from '../../api/categories';
import { createCategory, fetchTaxonomyVersions, type TaxonomyVersion, updateCategory } from '../../api/settings';
import { useQuery } from '../../api/useQuery';
import { QueryError } from '../../components/QueryError';
import { formatCount } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { ReadOnlyNote, useAction, useCanWrite } from './common';
import type { TabProps } from './SettingsPage';
import { categoryTreeData, childCode, countCategories, findCategory } from './settings.model';

type Editing = { mode: 'add'; parent: CategoryNode | undefined } | { mode: 'rename'; category: CategoryNode };

/** 类别: the shared category tree with its version; add, rename, retire and restore — each a new version. */
export default function TaxonomyTab({ roles }: TabProps) {
  const { t, locale } = useI18n();
  const canWrite = useCanWrite(roles, 'taxonomy:write', true);
  const [params, setParams] = useSearchParams();
  const [round, setRound] = useState(0);
  const tree = useQuery(`settings|categories|${round}`, (signal) =>
    fetchCategoryTree(signal, { includeRetired: true }),
  );
  const versions = useQuery(`settings|taxonomy-versions|${round}`, (signal) => fetchTaxonomyVersions(signal));
  const [editing, setEditing] = useState<Editing>();
  const { busy, run } = useAction();
  const english = locale === 'en-US';
  const selectedCode = params.get('category');
  const selected = tree.data ? findCategory(tree.data.tree, selectedCode) : undefined;
  const reload = () => setRound((n) => n + 1);

  const select = (code: string | undefined) => {
    const next = new URLSearchParams(params);
    if (code) {
      next.set('category', code);
    } else {
      next.delete('category');
    }
    setParams(next, { replace: true });
  };

  if (tree.error) {
    return <QueryError error={tree.error} onRetry={tree.reload} />;
  }
  if (!tree.data) {
    return <Skeleton active paragraph={{ rows: 10 }} />;
  }
  const counts = countCategories(tree.data.tree);
  const retire = (category: CategoryNode) =>
    run(() => updateCategory(category.code, { retired: !category.retired }), t('settings.saved'), reload);

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {!canWrite && <ReadOnlyNote text={t('settings.taxonomy.sharedNote')} />}
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={14}>
          <Card
            size="small"
            title={
              <Space wrap>
                {t('settings.taxonomy.tree')}
                <Tag color="blue" data-testid="taxonomy-version">
                  {t('settings.taxonomy.version', { version: tree.data.version })}
                </Tag>
                <Typography.Text type="secondary" style={{ fontWeight: 400 }}>
                  {t('settings.taxonomy.counts', {
                    total: formatCount(counts.total, locale),
                    retired: formatCount(counts.retired, locale),
                  })}
                </Typography.Text>
              </Space>
            }
            extra={
              canWrite && (
                <Button
                  size="small"
                  type="primary"
                  data-testid="category-add-root"
                  onClick={() => setEditing({ mode: 'add', parent: undefined })}
                >
                  {t('settings.taxonomy.addRoot')}
                </Button>
              )
            }
          >
            {tree.data.tree.length === 0 ? (
              <Empty description={t('settings.taxonomy.empty')} />
            ) : (
              <div style={{ maxHeight: 520, overflow: 'auto' }} data-testid="category-tree">
                <Tree
                  showLine
                  blockNode
                  treeData={categoryTreeData(tree.data.tree)}
                  selectedKeys={selectedCode ? [selectedCode] : []}
                  defaultExpandedKeys={selectedCode ? (selected?.path ?? []) : []}
                  onSelect={(keys) => select(keys[0] === undefined ? undefined : String(keys[0]))}
                  titleRender={(node) => (
                    <span data-category={node.code} style={{ opacity: node.retired ? 0.55 : 1 }}>
                      {(english && node.nameEn) || node.name}{' '}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {node.code}
                      </Typography.Text>
                      {node.retired && (
                        <Tag style={{ marginLeft: 6 }} color="default">
                          {t('settings.taxonomy.retired')}
                        </Tag>
                      )}
                    </span>
                  )}
                />
              </div>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <Card size="small" title={selected ? selected.name : t('settings.taxonomy.tree')}>
              {selected ? (
                <Space orientation="vertical" style={{ width: '100%' }}>
                  <Descriptions size="small" column={1} bordered>
                    <Descriptions.Item label={t('settings.code')}>{selected.code}</Descriptions.Item>
                    <Descriptions.Item label={t('settings.name')}>{selected.name}</Descriptions.Item>
                    <Descriptions.Item label={t('settings.nameEn')}>{selected.nameEn}</Descriptions.Item>
                    <Descriptions.Item label={t('settings.places.level')}>
                      {t('settings.taxonomy.level', { level: selected.level })}
                      {selected.retired && <Tag style={{ marginLeft: 8 }}>{t('settings.taxonomy.retired')}</Tag>}
                    </Descriptions.Item>
                  </Descriptions>
                  {canWrite && (
                    <Space wrap>
                      <Button
                        size="small"
                        data-testid="category-add-child"
                        disabled={selected.level >= 3 || selected.retired}
                        title={selected.level >= 3 ? t('settings.taxonomy.maxLevel') : undefined}
                        onClick={() => setEditing({ mode: 'add', parent: selected })}
                      >
                        {t('settings.taxonomy.addChild')}
                      </Button>
                      <Button
                        size="small"
                        data-testid="category-rename"
                        onClick={() => setEditing({ mode: 'rename', category: selected })}
                      >
                        {t('settings.taxonomy.rename')}
                      </Button>
                      <Popconfirm
                        title={t(
                          selected.retired ? 'settings.taxonomy.restoreConfirm' : 'settings.taxonomy.retireConfirm',
                          { name: selected.name },
                        )}
                        onConfirm={() => retire(selected)}
                      >
                        <Button size="small" danger={!selected.retired} loading={busy} data-testid="category-retire">
                          {t(selected.retired ? 'settings.taxonomy.restore' : 'settings.taxonomy.retire')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  )}
                </Space>
              ) : (
                <Typography.Text type="secondary">{t('settings.taxonomy.select')}</Typography.Text>
              )}
            </Card>
            <Card size="small" title={t('settings.taxonomy.history')}>
              {versions.error ? (
                <QueryError error={versions.error} onRetry={versions.reload} />
              ) : (
                <Table<TaxonomyVersion>
                  data-testid="taxonomy-versions"
                  size="small"
                  rowKey="version"
                  loading={versions.loading}
                  dataSource={versions.data ?? []}
                  pagination={{ pageSize: 8, size: 'small', showSizeChanger: false }}
                  columns={[
                    {
                      title: t('settings.taxonomy.historyVersion'),
                      dataIndex: 'version',
                      width: 64,
                      render: (v) => `v${v}`,
                    },
                    {
                      title: t('settings.taxonomy.historyTime'),
                      dataIndex: 'createdAt',
                      width: 150,
                      render: (value: string) =>
                        new Date(value).toLocaleString(locale, {
                          hour12: false,
                          year: 'numeric',
                          month: '2-digit',
                          day: '2-digit',
                          hour: '2-digit',
                          minute: '2-digit',
                        }),
                    },
                    { title: t('settings.taxonomy.historyNote'), dataIndex: 'note', ellipsis: true },
                    {
                      title: t('settings.taxonomy.historyCount'),
                      dataIndex: 'categoryCount',
                      width: 72,
                      align: 'right',
                      render: (value: number) => formatCount(value, locale),
                    },
                  ]}
                />
              )}
            </Card>
          </Space>
        </Col>
      </Row>
      {editing && (
        <CategoryForm
          editing={editing}
          busy={busy}
          onCancel={() => setEditing(undefined)}
          onSubmit={async (values) => {
            const ok =
              editing.mode === 'add'
                ? await run(
                    () =>
                      createCategory({
                        code: childCode(editing.parent?.code, values.word ?? ''),
                        name: values.name,
                        nameEn: values.nameEn,
                        parentCode: editing.parent?.code,
                        note: values.note || undefined,
                      }),
                    t('settings.saved'),
                    (created) => select(created.code),
                  )
                : await run(
                    () =>
                      updateCategory(editing.category.code, {
                        name: values.name,
                        nameEn: values.nameEn,
                        note: values.note || undefined,
                      }),
                    t('settings.saved'),
                  );
            if (ok) {
              setEditing(undefined);
              reload();
            }
          }}
        />
      )}
    </Space>
  );
}

interface CategoryValues {
  word?: string;
  name: string;
  nameEn: string;
  note?: string;
}

function CategoryForm({
  editing,
  busy,
  onCancel,
  onSubmit,
}: {
  editing: Editing;
  busy: boolean;
  onCancel(): void;
  onSubmit(values: CategoryValues): Promise<void>;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<CategoryValues>();
  const word = Form.useWatch('word', form) ?? '';
  const parent = editing.mode === 'add' ? editing.parent : undefined;
  const initial = editing.mode === 'rename' ? { name: editing.category.name, nameEn: editing.category.nameEn } : {};
  return (
    <Modal
      open
      title={
        editing.mode === 'add'
          ? parent
            ? `${t('settings.taxonomy.addChild')}：${parent.name}`
            : t('settings.taxonomy.addRoot')
          : `${t('settings.taxonomy.rename')}：${editing.category.name}`
      }
      okText={t('settings.save')}
      cancelText={t('settings.cancel')}
      confirmLoading={busy}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'category-save' } as ButtonProps}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={onSubmit} data-testid="category-form">
        {editing.mode === 'add' && (
          <Form.Item
            name="word"
            label={t('settings.taxonomy.codeWord')}
            rules={[{ required: true, pattern: /^[a-z][a-z0-9_]*$/, message: t('settings.required') }]}
            extra={t('settings.taxonomy.codeHelp', { code: childCode(parent?.code, word) || '…' })}
          >
            <Input data-testid="category-code" maxLength={40} />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('settings.name')} rules={[{ required: true, message: t('settings.required') }]}>
          <Input data-testid="category-name" maxLength={100} />
        </Form.Item>
        <Form.Item
          name="nameEn"
          label={t('settings.nameEn')}
          rules={[{ required: true, message: t('settings.required') }]}
        >
          <Input data-testid="category-name-en" maxLength={100} />
        </Form.Item>
        <Form.Item name="note" label={t('settings.taxonomy.note')}>
          <Input data-testid="category-note" maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
