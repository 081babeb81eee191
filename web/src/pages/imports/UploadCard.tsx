import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  Progress,
  Row,
  Select,
  Space,
  Spin,
  Typography,
  Upload,
} from 'antd';
import type { RcFile } from 'antd/es/upload';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { describeError } from '../../api/errors';
import { type DetectedProfile, detectProfile, fetchProfiles, uploadImport } from '../../api/imports';
import { useQuery } from '../../api/useQuery';
import { QueryError } from '../../components/QueryError';
import { useSession } from '../../components/session';
import { useI18n } from '../../i18n/i18n';
import {
  ACCEPTED_EXTENSIONS,
  AUTO_PROFILE,
  DETECT_TEXT_BYTES,
  detectLength,
  fileProblem,
  formatBytes,
  isTextFile,
  MAX_UPLOAD_BYTES,
  readDetection,
} from './imports.model';

type DetectState =
  | { state: 'idle' }
  | { state: 'running' }
  | { state: 'done'; detected: DetectedProfile }
  | { state: 'failed'; error: unknown };

/** What detection reads of a file: a text file's start (cut after a whole line), an XLSX workbook whole. */
async function detectionPart(file: File): Promise<Blob> {
  if (!isTextFile(file.name) || file.size <= DETECT_TEXT_BYTES) {
    return file;
  }
  const head = new Uint8Array(await file.slice(0, DETECT_TEXT_BYTES).arrayBuffer());
  return file.slice(0, detectLength(head, file.size));
}

/** The upload form: the file, the mapping profile (or detection), source system, dry run and strict. */
export function UploadCard({ mayImport }: { mayImport: boolean }) {
  const { t, locale } = useI18n();
  const { me, town } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [file, setFile] = useState<RcFile>();
  const [choice, setChoice] = useState<string>(AUTO_PROFILE);
  const [sourceSystem, setSourceSystem] = useState('');
  const [dryRun, setDryRun] = useState(false);
  const [strict, setStrict] = useState(false);
  const [detect, setDetect] = useState<DetectState>({ state: 'idle' });
  const [upload, setUpload] = useState<{ share: number } | undefined>();
  const [uploadError, setUploadError] = useState<unknown>();
  const profiles = useQuery('import-profiles', (signal) => fetchProfiles(signal), mayImport);
  const csrfToken = me.csrfToken;

  useEffect(() => {
    if (!file || choice !== AUTO_PROFILE) {
      setDetect({ state: 'idle' });
      return;
    }
    let current = true;
    setDetect({ state: 'running' });
    detectionPart(file)
      .then((part) => detectProfile(part, file.name, csrfToken))
      .then(
        (detected) => current && setDetect({ state: 'done', detected }),
        (error: unknown) => current && setDetect({ state: 'failed', error }),
      );
    return () => {
      current = false;
    };
  }, [file, choice, csrfToken]);

  const detection = useMemo(
    () => (detect.state === 'done' ? readDetection(detect.detected, profiles.data ?? []) : undefined),
    [detect, profiles.data],
  );
  const profileName = choice === AUTO_PROFILE ? (detection?.kind === 'none' ? undefined : detection?.profile) : choice;
  const profile = profiles.data?.find((p) => p.name === profileName);

  // The proposal as a JSON file to hand to an administrator; its object URL is released when it changes.
  const proposal = detect.state === 'done' && detection?.kind !== 'exact' ? detect.detected.profile : undefined;
  const proposalUrl = useMemo(
    () =>
      proposal &&
      URL.createObjectURL(new Blob([`${JSON.stringify(proposal, null, 2)}\n`], { type: 'application/json' })),
    [proposal],
  );
  useEffect(() => () => (proposalUrl ? URL.revokeObjectURL(proposalUrl) : undefined), [proposalUrl]);

  if (!mayImport) {
    return <Alert type="info" showIcon data-testid="imports-no-write" title={t('imports.noWrite')} />;
  }

  const limit = formatBytes(MAX_UPLOAD_BYTES);
  const start = async () => {
    if (!file || !profileName) {
      return;
    }
    setUploadError(undefined);
    setUpload({ share: 0 });
    try {
      const batch = await uploadImport(
        file,
        file.name,
        { profile: profileName, town: town?.code, sourceSystem, dryRun, strict },
        csrfToken,
        (share) => setUpload({ share }),
      );
      navigate(`/imports/${batch.id}`);
    } catch (error) {
      setUploadError(error);
      setUpload(undefined);
    }
  };

  return (
    <Card title={t('imports.upload.title')} data-testid="import-upload">
      <Row gutter={[24, 16]}>
        <Col xs={24} lg={11}>
          <div data-testid="import-dragger">
            <Upload.Dragger
              accept={ACCEPTED_EXTENSIONS.join(',')}
              multiple={false}
              maxCount={1}
              fileList={file ? [{ uid: file.uid, name: file.name, size: file.size, status: 'done' }] : []}
              beforeUpload={(chosen) => {
                const problem = fileProblem(chosen.name, chosen.size);
                if (problem) {
                  void message.error(t(problem, { limit }));
                  return Upload.LIST_IGNORE;
                }
                setFile(chosen);
                setUploadError(undefined);
                return false;
              }}
              onRemove={() => {
                setFile(undefined);
                return true;
              }}
            >
              <p className="ant-upload-drag-icon">
                <svg
                  viewBox="0 0 24 24"
                  width="48"
                  height="48"
                  fill="none"
                  stroke="#1677ff"
                  strokeWidth="1.5"
                  aria-hidden="true"
                >
                  <path d="M12 16V4m0 0-4 4m4-4 4 4M4 14v4a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-4" />
                </svg>
              </p>
              <p className="ant-upload-text">{t('imports.dragger.text')}</p>
              <p className="ant-upload-hint" style={{ padding: '0 16px' }}>
                {t('imports.dragger.hint', { limit })}
              </p>
            </Upload.Dragger>
          </div>
        </Col>
        <Col xs={24} lg={13}>
          <Form layout="vertical" requiredMark={false} style={{ maxWidth: 640 }}>
            {town && (
              <Form.Item label={t('imports.town')} style={{ marginBottom: 12 }}>
                <Typography.Text strong data-testid="import-town">
                  {(locale === 'en-US' && town.nameEn) || town.name}
                </Typography.Text>
              </Form.Item>
            )}
            <Form.Item label={t('imports.profile')} extra={t('imports.profile.hint')} style={{ marginBottom: 12 }}>
              {profiles.error ? (
                <QueryError error={profiles.error} onRetry={profiles.reload} />
              ) : (
                <Select
                  data-testid="import-profile"
                  loading={profiles.loading}
                  value={choice}
                  onChange={setChoice}
                  options={[
                    { value: AUTO_PROFILE, label: t('imports.profile.auto') },
                    ...(profiles.data ?? []).map((p) => ({ value: p.name, label: `${p.title}（${p.name}）` })),
                  ]}
                />
              )}
            </Form.Item>
            {choice === AUTO_PROFILE && file && (
              <div data-testid="import-detection" style={{ marginBottom: 12 }}>
                {detect.state === 'running' && (
                  <Space>
                    <Spin size="small" />
                    <Typography.Text type="secondary">{t('imports.detecting')}</Typography.Text>
                  </Space>
                )}
                {detect.state === 'failed' && (
                  <Alert
                    type="error"
                    showIcon
                    title={`${t('imports.detect.failed')}：${describeError(detect.error, t)}`}
                  />
                )}
                {detect.state === 'done' && detection && (
                  <Alert
                    type={detection.kind === 'exact' ? 'success' : 'warning'}
                    showIcon
                    data-detected={detection.kind === 'none' ? '' : detection.profile}
                    title={
                      detection.kind === 'none'
                        ? t('imports.detect.none')
                        : t(detection.kind === 'exact' ? 'imports.detect.exact' : 'imports.detect.close', {
                            title: profile?.title ?? detection.profile,
                            name: detection.profile,
                            matched: detect.detected.matched.length,
                          })
                    }
                    description={
                      <Space orientation="vertical" size={4}>
                        {detect.detected.unmatched.length > 0 && (
                          <Typography.Text type="secondary">
                            {t('imports.detect.unmatched', { headers: detect.detected.unmatched.join('、') })}
                          </Typography.Text>
                        )}
                        {proposalUrl && (
                          <a href={proposalUrl} download={`${String(detect.detected.profile.name ?? 'profile')}.json`}>
                            {t('imports.detect.download')}
                          </a>
                        )}
                      </Space>
                    }
                  />
                )}
              </div>
            )}
            <Form.Item
              label={t('imports.sourceSystem')}
              extra={profile ? t('imports.sourceSystem.hint', { system: profile.sourceSystem }) : undefined}
              style={{ marginBottom: 12 }}
            >
              <Input
                data-testid="import-source-system"
                value={sourceSystem}
                maxLength={32}
                placeholder={profile?.sourceSystem}
                onChange={(event) => setSourceSystem(event.target.value)}
                allowClear
              />
            </Form.Item>
            <Form.Item label={t('imports.options')} style={{ marginBottom: 12 }}>
              <Space orientation="vertical" size={4}>
                <Checkbox data-testid="import-dry-run" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)}>
                  {t('imports.dryRun')}
                </Checkbox>
                <Checkbox data-testid="import-strict" checked={strict} onChange={(e) => setStrict(e.target.checked)}>
                  {t('imports.strict')}
                </Checkbox>
              </Space>
            </Form.Item>
            {uploadError !== undefined && (
              <Alert type="error" showIcon style={{ marginBottom: 12 }} title={describeError(uploadError, t)} />
            )}
            {upload && (
              <Progress
                data-testid="import-upload-progress"
                percent={Math.floor(upload.share * 100)}
                status="active"
                format={(percent) => t('imports.uploading', { percent: `${percent}%` })}
              />
            )}
            <Button
              type="primary"
              data-testid="import-start"
              disabled={!file || !profileName || upload !== undefined}
              loading={upload !== undefined}
              onClick={() => void start()}
              title={!file ? t('imports.chooseFile') : !profileName ? t('imports.chooseProfile') : undefined}
            >
              {dryRun ? t('imports.startDry') : t('imports.start')}
            </Button>
          </Form>
        </Col>
      </Row>
    </Card>
  );
}
