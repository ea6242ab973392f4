import { Alert, Button, FileInput, Group, SegmentedControl, Select, Stack, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { lgspApi, type LgspMember, type LgspNewService, type LgspSubsystem, type OpenApiUpload } from '../../../api/lgsp.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { foldedFilter } from '../../../components/folded-filter.ts';
import { fieldError } from '../../../lib/forms.ts';

/**
 * An OpenAPI document chosen as a file: JSON is parsed here (an empty file, or JSON that is no
 * document, is said at once); any other text goes as it is — YAML, which the server reads.
 */
export async function readOpenApiFile(file: File): Promise<OpenApiUpload> {
  const text = await file.text();
  if (text.trim() === '') throw new SyntaxError('empty');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new SyntaxError('not an object');
  return parsed as Record<string, unknown>;
}

/** What the file inputs offer to choose. */
export const OPENAPI_FILE_TYPES = 'application/json,.json,application/yaml,text/yaml,.yaml,.yml';
export const WSDL_FILE_TYPES = '.wsdl,.xml,text/xml,application/xml';

/** A WSDL chosen as a file: its text (the server reads it strictly); one that is not XML is said at once. */
export async function readWsdlFile(file: File): Promise<string> {
  const text = await file.text();
  if (!/^\s*(<\?xml[^>]*>\s*)?<([A-Za-z_][\w.-]*:)?definitions[\s>]/.test(text)) throw new SyntaxError('not a WSDL document');
  return text;
}

/** A SOAP service's registration (decision 0044): the WSDL by URL or file; without an address, the WSDL's own soap:address. */
async function soapServiceBody(input: { code: string; name: string; baseUrl: string; url: string | null; file: File | null }): Promise<LgspNewService> {
  const body: LgspNewService = { kind: 'soap', code: input.code.trim(), name: input.name.trim(), ...(input.baseUrl.trim() ? { baseUrl: input.baseUrl.trim() } : {}) };
  if (input.url !== null) body.wsdlUrl = input.url.trim();
  else body.wsdl = await readWsdlFile(input.file!);
  return body;
}

function useRegistryRefresh() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['lgsp'] });
}

export function MemberForm({ agencies }: { agencies: { id: string; code: string; name: string }[] }) {
  const { t } = useTranslation();
  const refresh = useRegistryRefresh();
  const [agencyCode, setAgencyCode] = useState<string | null>(null);
  const [memberClass, setMemberClass] = useState('GOV');
  const create = useMutation({ mutationFn: () => lgspApi.createMember({ agencyCode: agencyCode ?? '', memberClass }), onSuccess: refresh });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <form onSubmit={submit} aria-labelledby="member-form-title">
      <Stack gap="xs">
        <Title order={3} size="h5" id="member-form-title">{t('lgspAdmin.member.title')}</Title>
        <Group align="flex-end" wrap="wrap">
          <Select id="member-agency" label={t('lgspAdmin.member.agency')} required searchable filter={foldedFilter} w={360}
            data={agencies.map((a) => ({ value: a.code, label: `${a.name} (${a.code})` }))} value={agencyCode} onChange={setAgencyCode} />
          <TextInput id="member-class" label={t('lgspAdmin.member.class')} required w={140} value={memberClass} onChange={(e) => setMemberClass(e.currentTarget.value)} error={fieldError(create.error, 'memberClass')} />
          <Button type="submit" loading={create.isPending} disabled={!agencyCode}>{t('lgspAdmin.member.submit')}</Button>
        </Group>
        {create.error && <ErrorAlert error={create.error} />}
        {create.data && <Alert color="green" role="status">{t('lgspAdmin.member.done', { id: create.data.xroadId })}</Alert>}
      </Stack>
    </form>
  );
}

export function SubsystemForm({ members }: { members: LgspMember[] }) {
  const { t } = useTranslation();
  const refresh = useRegistryRefresh();
  const [memberId, setMemberId] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [clientId, setClientId] = useState('');
  const create = useMutation({
    mutationFn: () => lgspApi.createSubsystem(memberId ?? '', { code: code.trim(), name: name.trim(), ...(clientId.trim() ? { clientId: clientId.trim() } : {}) }),
    onSuccess: refresh,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <form onSubmit={submit} aria-labelledby="subsystem-form-title">
      <Stack gap="xs">
        <Title order={3} size="h5" id="subsystem-form-title">{t('lgspAdmin.subsystem.title')}</Title>
        <Group align="flex-end" wrap="wrap">
          <Select id="subsystem-member" label={t('lgspAdmin.subsystem.member')} required w={300} allowDeselect={false}
            data={members.map((m) => ({ value: m.id, label: `${m.name} (${m.xroadId})` }))} value={memberId} onChange={setMemberId} />
          <TextInput id="subsystem-code" label={t('lgspAdmin.subsystem.code')} required w={160} value={code} onChange={(e) => setCode(e.currentTarget.value)} error={fieldError(create.error, 'code')} />
          <TextInput id="subsystem-name" label={t('lgspAdmin.subsystem.name')} required w={240} value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldError(create.error, 'name')} />
          <TextInput id="subsystem-client" label={t('lgspAdmin.subsystem.client')} description={t('lgspAdmin.subsystem.clientHint')} w={240} value={clientId} onChange={(e) => setClientId(e.currentTarget.value)} />
          <Button type="submit" loading={create.isPending} disabled={!memberId || !code.trim() || !name.trim()}>{t('lgspAdmin.subsystem.submit')}</Button>
        </Group>
        {create.error && <ErrorAlert error={create.error} />}
        {create.data && <Alert color="green" role="status">{t('lgspAdmin.subsystem.done', { id: create.data.xroadId })}</Alert>}
      </Stack>
    </form>
  );
}

export function ServiceForm({ subsystems }: { subsystems: LgspSubsystem[] }) {
  const { t } = useTranslation();
  const refresh = useRegistryRefresh();
  const [subsystemId, setSubsystemId] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [kind, setKind] = useState<'rest' | 'soap'>('rest');
  const [source, setSource] = useState<'url' | 'file'>('url');
  const [openApiUrl, setOpenApiUrl] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const create = useMutation({
    mutationFn: async () => {
      if (kind === 'soap') return lgspApi.registerService(subsystemId ?? '', await soapServiceBody({ code, name, baseUrl, url: source === 'url' ? openApiUrl : null, file }));
      const body: LgspNewService = { code: code.trim(), name: name.trim(), baseUrl: baseUrl.trim() };
      if (source === 'url') body.openApiUrl = openApiUrl.trim();
      else body.openApi = await readOpenApiFile(file!);
      return lgspApi.registerService(subsystemId ?? '', body);
    },
    onSuccess: refresh,
  });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFileError(undefined);
    if (source === 'file') {
      try {
        if (!file) throw new SyntaxError('no file');
        await (kind === 'soap' ? readWsdlFile(file) : readOpenApiFile(file));
      } catch {
        setFileError(t(kind === 'soap' ? 'lgspAdmin.soap.fileInvalid' : 'lgspAdmin.service.fileInvalid'));
        return;
      }
    }
    create.mutate();
  };
  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby="service-form-title">
      <Stack gap="xs" maw={720}>
        <Title order={3} size="h5" id="service-form-title">{t(kind === 'soap' ? 'lgspAdmin.soap.title' : 'lgspAdmin.service.title')}</Title>
        <Select id="service-subsystem" label={t('lgspAdmin.service.subsystem')} required allowDeselect={false}
          data={subsystems.map((s) => ({ value: s.id, label: `${s.name} (${s.xroadId})` }))} value={subsystemId} onChange={setSubsystemId} />
        <Group grow>
          <TextInput id="service-code" label={t('lgspAdmin.service.code')} required value={code} onChange={(e) => setCode(e.currentTarget.value)} error={fieldError(create.error, 'code')} />
          <TextInput id="service-name" label={t('lgspAdmin.service.name')} required value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldError(create.error, 'name')} />
        </Group>
        <SegmentedControl aria-label={t('lgspAdmin.soap.kind')} value={kind} onChange={(v) => setKind(v as 'rest' | 'soap')}
          data={[{ value: 'rest', label: t('lgspAdmin.soap.rest') }, { value: 'soap', label: t('lgspAdmin.soap.soap') }]} w="fit-content" />
        <TextInput id="service-base-url" label={t('lgspAdmin.service.baseUrl')} description={t(kind === 'soap' ? 'lgspAdmin.soap.baseUrlHint' : 'lgspAdmin.service.baseUrlHint')} required={kind === 'rest'} value={baseUrl} onChange={(e) => setBaseUrl(e.currentTarget.value)} error={fieldError(create.error, 'baseUrl')} />
        <SegmentedControl aria-label={t('lgspAdmin.service.source')} value={source} onChange={(v) => setSource(v as 'url' | 'file')}
          data={[{ value: 'url', label: t('lgspAdmin.service.fromUrl') }, { value: 'file', label: t('lgspAdmin.service.fromFile') }]} w="fit-content" />
        {source === 'url'
          ? <TextInput id="service-openapi-url" label={t(kind === 'soap' ? 'lgspAdmin.soap.wsdlUrl' : 'lgspAdmin.service.openApiUrl')} required value={openApiUrl} onChange={(e) => setOpenApiUrl(e.currentTarget.value)} error={fieldError(create.error, kind === 'soap' ? 'wsdlUrl' : 'openApiUrl')} />
          : <FileInput id="service-openapi-file" label={t(kind === 'soap' ? 'lgspAdmin.soap.wsdlFile' : 'lgspAdmin.service.openApiFile')} required accept={kind === 'soap' ? WSDL_FILE_TYPES : OPENAPI_FILE_TYPES} value={file} onChange={setFile} error={fileError} clearable clearButtonProps={{ 'aria-label': t('lgspAdmin.clearFile') }} />}
        {create.error && <ErrorAlert error={create.error} />}
        {create.data && <Alert color="green" role="status">{t('lgspAdmin.service.done', { id: create.data.xroadId })}</Alert>}
        <Button type="submit" loading={create.isPending} disabled={!subsystemId} w="fit-content">{t('lgspAdmin.service.submit')}</Button>
      </Stack>
    </form>
  );
}
