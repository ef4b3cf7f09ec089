import { useEffect, useId, useRef, useState } from 'react';
import { filesOutrunLog, unloggedFilesReadEveryMs } from '../../app/common/artifact-log-limits.js';
import type { ArtifactList, ArtifactView, RunView } from '../../app/common/contract.js';
import { isLiveRunStatus } from '../../app/common/run-status.js';
import { copy } from '../copy.js';
import { formatDateTime } from '../format/format-date-time.js';
import { redactionSummary } from '../format/redaction-summary.js';
import { useCommand } from '../state/use-command.js';
import { useSupervisor } from '../state/supervisor-context.js';

const noFiles: ArtifactList = { files: [], refused: [] };

/**
 * The files a run's bot attached: name, kind, size and time, a preview for images (as a `data:`
 * URL, which the page's CSP allows for images) and a download. Screenshots carry a warning that
 * they may show patient data. Files that were refused (screenshots off, a cap) are counted with
 * their names and why, so "the bot says it attached a screenshot" has an answer here. Re-read
 * when the run's status changes, and while it runs whenever its live log (which the run detail
 * follows) brings a system line: the core writes one as it keeps or refuses a file, after recording it.
 * The bot's own lines, however many, ask the core for nothing. Past the files the log says one
 * by one (`filesOutrunLog`), no line comes, so a live run's list is then read on a timer. Lines
 * sent while the page was disconnected are lost, so a new connection (`connectionEpoch`) reads
 * the list again.
 */
export function RunArtifacts({ run, connectionEpoch }: { run: RunView; connectionEpoch: number }) {
  const headingId = useId();
  // Read by the page itself (a status change, a system line, a timer, a reconnection), not by a press.
  const list = useCommand('listArtifacts', { clearsError: false });
  const [{ files: artifacts, refused }, setArtifacts] = useState<ArtifactList>(noFiles);
  const { run: listRun } = list;
  const { api } = useSupervisor();
  const [reasonsToRead, setReasonsToRead] = useState(0);
  const live = isLiveRunStatus(run.status);
  const outrunLog = filesOutrunLog({ files: artifacts, refused });
  useEffect(() => {
    if (!live) return;
    const subscription = api.on('log', (batch) => {
      if (batch.runId === run.id && batch.lines.some((line) => line.stream === 'system')) setReasonsToRead((count) => count + 1);
    });
    return () => subscription.dispose();
  }, [api, run.id, live]);
  useEffect(() => {
    if (!live || !outrunLog) return;
    const timer = setInterval(() => setReasonsToRead((count) => count + 1), unloggedFilesReadEveryMs);
    return () => clearInterval(timer);
  }, [live, outrunLog]);
  useEffect(() => {
    let current = true;
    if (run.logDeletedAt !== undefined) {
      setArtifacts(noFiles);
      return;
    }
    void listRun({ runId: run.id }).then((value) => {
      if (current && value) setArtifacts(value);
    });
    return () => {
      current = false;
    };
  }, [run.id, run.status, run.logDeletedAt, listRun, reasonsToRead, connectionEpoch]);
  if (artifacts.length === 0 && refused.length === 0) return null;
  const refusedCount = refused.reduce((sum, reason) => sum + reason.count, 0);
  const hasScreenshots = artifacts.some((artifact) => artifact.kind === 'screenshot');
  return (
    <section className="run-artifacts" aria-labelledby={headingId} data-testid="run-artifacts">
      <h3 id={headingId} className="card__title">
        {copy.artifacts.heading(artifacts.length, refusedCount)}
      </h3>
      {hasScreenshots ? (
        <p className="card__hint" role="note" data-testid="run-artifacts-warning">
          {copy.artifacts.screenshotWarning}
        </p>
      ) : null}
      {artifacts.length > 0 ? (
        <ul className="run-artifacts__list">
          {artifacts.map((artifact) => (
            <ArtifactItem key={artifact.id} artifact={artifact} />
          ))}
        </ul>
      ) : null}
      {refused.length > 0 ? (
        <div className="card__hint" role="note" data-testid="run-artifacts-refused">
          <p className="run-artifacts__refused-intro">{copy.artifacts.notKept(refusedCount)}</p>
          <ul className="run-artifacts__refused">
            {refused.map((reason) => (
              <li key={`${reason.code}-${reason.message}`} data-testid={`artifact-refused-${reason.code}`}>
                {copy.artifacts.notKeptReason(reason.count, reason.names, reason.message)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

function ArtifactItem({ artifact }: { artifact: ArtifactView }) {
  const read = useCommand('readArtifact');
  const [preview, setPreview] = useState<string | undefined>();
  const previewRef = useRef<HTMLImageElement>(null);
  // Preview and Download stay focusable while the file is read (aria-disabled, not disabled): a
  // disabled button drops keyboard focus to the page. A press meanwhile does nothing.
  const fetchContent = () => (read.pending ? Promise.resolve(undefined) : read.run({ runId: artifact.runId, artifactId: artifact.id }));
  const showPreview = async () => {
    const content = await fetchContent();
    if (content) setPreview(`data:${content.mediaType};base64,${content.base64}`);
  };
  // Preview goes once the image shows: focus moves to the image, not to the top of the page.
  useEffect(() => {
    if (preview !== undefined && (document.activeElement === null || document.activeElement === document.body)) previewRef.current?.focus();
  }, [preview]);
  const download = async () => {
    const content = await fetchContent();
    if (!content) return;
    const bytes = Uint8Array.from(atob(content.base64), (char) => char.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = content.fileName;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };
  return (
    <li className="run-artifacts__item" data-testid={`artifact-${artifact.name}`}>
      <span className="run-artifacts__name">{artifact.name}</span>{' '}
      <span className="card__hint">{copy.artifacts.describe(artifact.kind, artifact.bytes, formatDateTime(artifact.createdAt))}</span>
      {/* The download is not the bot's original: say what was taken out of it. */}
      {artifact.redactions && Object.keys(artifact.redactions).length > 0 ? (
        <span className="card__hint run-artifacts__redactions" data-testid={`artifact-redactions-${artifact.name}`}>
          {copy.artifacts.redacted(redactionSummary(artifact.redactions))}
        </span>
      ) : null}
      <span className="actions">
        {artifact.previewable && preview === undefined ? (
          <button type="button" className="button" aria-disabled={read.pending || undefined} onClick={() => void showPreview()} data-testid={`artifact-show-preview-${artifact.name}`}>
            {copy.artifacts.preview(artifact.name)}
          </button>
        ) : null}
        <button type="button" className="button" aria-disabled={read.pending || undefined} onClick={() => void download()} data-testid={`artifact-download-${artifact.name}`}>
          {copy.artifacts.download(artifact.name)}
        </button>
      </span>
      {preview ? <img className="run-artifacts__preview" tabIndex={-1} ref={previewRef} src={preview} alt={copy.artifacts.previewAlt(artifact.name)} data-testid={`artifact-preview-${artifact.name}`} /> : null}
    </li>
  );
}
